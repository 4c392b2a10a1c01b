package dev.chatbot.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.testing.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users copy (README, docs, manifests, samples, the chart) names no image digest but the two
 * the chart pins: the operator and the chatbot-app image of the release. A made-up digest there
 * would point at an image that does not exist. Test fixtures (Argo CD health testdata) may use
 * synthetic ones.
 */
class NoPlaceholderDigestTest {

  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  @Test
  void everyDigestUsersSeeIsOneTheChartPins() {
    Set<String> pinned = digestsIn(RepoFiles.resolve("charts/chatbot-operator/values.yaml"));
    assertThat(pinned).as("operator and app digests in values.yaml").hasSize(2);

    List<String> strays =
        userFacingFiles()
            .flatMap(
                file ->
                    digestsIn(file).stream()
                        .filter(d -> !pinned.contains(d))
                        .map(d -> RepoFiles.root().relativize(file) + ": " + d))
            .toList();

    assertThat(strays)
        .as(
            "digests that are not the release's images (after a build: charts/update-digests.sh;"
                + " in examples use the bundled app or a variable)")
        .isEmpty();
  }

  private static Stream<Path> userFacingFiles() {
    return Stream.of("README.md", "docs", "manifests", "charts")
        .map(RepoFiles::resolve)
        .flatMap(NoPlaceholderDigestTest::walk)
        .filter(p -> !p.toString().contains("/testdata/"))
        .filter(p -> p.toString().matches(".*\\.(md|ya?ml|json|txt|tpl)$"));
  }

  private static Stream<Path> walk(Path root) {
    try {
      return Files.isDirectory(root)
          ? Files.walk(root).filter(Files::isRegularFile).toList().stream()
          : Stream.of(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> digestsIn(Path file) {
    Set<String> out = new HashSet<>();
    Matcher m = DIGEST.matcher(RepoFiles.read(file));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
