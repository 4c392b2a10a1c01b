package dev.chatbot.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.testing.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD users install from crds/ must be the one the build generates from the Java model. */
class CrdInSyncTest {

  static final String FILE = "chatbotdeployments.chatbot.dev-v1.yml";

  @Test
  void committedCrdMatchesTheGeneratedOne() {
    Path generated = Path.of("target/classes/META-INF/fabric8", FILE);
    Path committed = RepoFiles.resolve("crds/" + FILE);
    assertThat(generated).as("the build generates the CRD (crd-generator-maven-plugin)").exists();
    assertThat(Files.exists(committed))
        .as("crds/%s is missing; copy it with: cp operator/%s crds/", FILE, generated)
        .isTrue();
    assertThat(RepoFiles.read(committed))
        .as(
            "crds/%s is out of date with the Java model; after reviewing the change run:"
                + " cp operator/%s crds/",
            FILE, generated)
        .isEqualTo(RepoFiles.read(generated));
  }
}
