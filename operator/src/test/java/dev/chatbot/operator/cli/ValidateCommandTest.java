package dev.chatbot.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.testing.InvalidSample;
import dev.chatbot.operator.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {

  static List<Path> samples() {
    return RepoFiles.yamlFiles(RepoFiles.resolve("manifests/samples"));
  }

  static List<InvalidSample> invalidSamples() {
    return InvalidSample.all();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void acceptsEverySample(Path sample) {
    CliRun run = CliRun.of("validate", "-f", sample.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("ok: ChatbotDeployment ").contains(" is valid");
    assertThat(run.err()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidSamples")
  void refusesEveryInvalidSampleNamingTheField(InvalidSample sample) {
    CliRun run = CliRun.of("validate", "-f", InvalidSample.DIR.resolve(sample.name()).toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains(sample.expectedField() + ": ");
    assertThat(run.err()).contains(sample.expectedMessage());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void refusesAnotherKindNamingApiVersionAndKind(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("deployment.yaml");
    Files.writeString(file, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n");

    CliRun run = CliRun.of("validate", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("apiVersion/kind").contains("chatbot.dev/v1alpha1");
  }

  @Test
  void refusesAnEmptyFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("empty.yaml");
    Files.writeString(file, "");

    CliRun run = CliRun.of("validate", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("empty");
  }

  @Test
  void failsClearlyOnAMissingFile() {
    CliRun run = CliRun.of("validate", "-f", "does-not-exist.yaml");

    assertThat(run.exitCode()).as("2: unreadable, distinct from 1: invalid").isEqualTo(2);
    assertThat(run.err()).contains("cannot read does-not-exist.yaml");
    assertThat(run.out()).isEmpty();
  }
}
