package dev.chatbot.app.documents;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The MiniLM model and tokenizer of the embeddings jar, streamed to files once per writable
 * directory (the pod's /tmp survives container restarts, so a restart reuses them).
 */
final class EmbeddingModelFiles {

  static final String MODEL = "all-minilm-l6-v2.onnx";
  static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

  private EmbeddingModelFiles() {}

  static Path unpacked(Path parent) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("chatbot-embedding-model"));
    unpack(MODEL, dir);
    unpack(TOKENIZER, dir);
    return dir;
  }

  private static void unpack(String name, Path dir) throws IOException {
    URL url = EmbeddingModelFiles.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IOException("embedding model resource missing from the classpath: " + name);
    }
    URLConnection connection = url.openConnection();
    Path target = dir.resolve(name);
    // The jar entry's size tells a copy of this model from one of another version; a copy cut
    // short by a crash never has the name (it is moved into place whole).
    if (Files.exists(target) && Files.size(target) == connection.getContentLengthLong()) {
      return;
    }
    Path partial = Files.createTempFile(dir, name, ".part");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
