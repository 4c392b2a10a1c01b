package dev.chatbot.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.testing.CrdSchema;
import dev.chatbot.operator.testing.InvalidSample;
import dev.chatbot.operator.testing.RepoFiles;
import dev.chatbot.operator.validation.InvalidSpecException;
import dev.chatbot.operator.validation.ManifestReader;
import dev.chatbot.operator.validation.SpecValidator;
import dev.chatbot.operator.validation.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The samples users copy must be accepted, and the known-bad ones refused with a clear message. */
class SamplesTest {

  private final ManifestReader reader = new ManifestReader();
  private final SpecValidator validator = new SpecValidator();
  private final CrdSchema schema = CrdSchema.committed();

  static Stream<Path> samples() {
    List<Path> files = RepoFiles.yamlFiles(RepoFiles.resolve("manifests/samples"));
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    return files.stream();
  }

  static Stream<InvalidSample> invalidSamples() {
    return InvalidSample.all().stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleParsesIntoTheModelAndPassesEveryOfflineRule(Path file) {
    String yaml = RepoFiles.read(file);

    ChatbotDeployment cr = reader.read(yaml);

    assertThat(cr.getMetadata().getName()).isNotBlank();
    assertThat(validator.validate(cr)).isEmpty();
    assertThat(schema.problems(yaml)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidSamples")
  void invalidSampleIsRefusedNamingTheField(InvalidSample sample) {
    List<Violation> violations = violationsOf(sample.yaml());

    assertThat(violations)
        .as("violations of %s", sample)
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo(sample.expectedField());
              assertThat(v.message()).contains(sample.expectedMessage());
            });
  }

  @ParameterizedTest
  @MethodSource("invalidSamples")
  void crdRefusesWhatItCanExpressWithTheSameWords(InvalidSample sample) {
    List<String> structural = schema.problems(sample.yaml());
    boolean inCelMessages =
        schema.celMessages().stream().anyMatch(m -> m.contains(sample.expectedCrdMessage()));
    boolean inStructural =
        structural.stream().anyMatch(p -> p.contains(sample.expectedCrdMessage()));

    assertThat(inCelMessages || inStructural)
        .as("%s: the CRD should refuse it with '%s'", sample, sample.expectedCrdMessage())
        .isEqualTo(sample.rejectedByCrd());
  }

  private List<Violation> violationsOf(String yaml) {
    try {
      return validator.validate(reader.read(yaml));
    } catch (InvalidSpecException e) {
      return e.violations();
    }
  }
}
