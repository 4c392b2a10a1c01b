package dev.chatbot.app.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingModelFilesTest {

  @TempDir Path tmp;

  @Test
  void theModelIsUnpackedWholeAndAWholeCopyIsReused() throws Exception {
    Path dir = EmbeddingModelFiles.unpacked(tmp);
    Path model = dir.resolve(EmbeddingModelFiles.MODEL);
    assertThat(Files.size(model)).isGreaterThan(50_000_000L);
    assertThat(Files.size(dir.resolve(EmbeddingModelFiles.TOKENIZER))).isGreaterThan(100_000L);
    FileTime marked = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(model, marked);

    EmbeddingModelFiles.unpacked(tmp);

    assertThat(Files.getLastModifiedTime(model)).isEqualTo(marked);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void aCopyOfAnotherSizeIsReplaced() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("chatbot-embedding-model"));
    Files.writeString(dir.resolve(EmbeddingModelFiles.MODEL), "not a model");

    EmbeddingModelFiles.unpacked(tmp);

    assertThat(Files.size(dir.resolve(EmbeddingModelFiles.MODEL))).isGreaterThan(50_000_000L);
  }
}
