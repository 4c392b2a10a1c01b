package dev.chatbot.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.testing.ChartRender;
import dev.chatbot.operator.testing.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * manifests/install.yaml (one `kubectl apply -f`) is the chart rendered with its default values
 * into namespace chatbot-system, plus that Namespace (restricted Pod Security).
 */
class InstallManifestInSyncTest {

  static final String HEADER =
      """
      # chatbot-operator: CRD, operator (pinned by digest) and least-privilege RBAC in namespace
      # chatbot-system. Generated: charts/chatbot-operator rendered with its default values
      # (helm template chatbot-operator charts/chatbot-operator -n chatbot-system --include-crds
      #  --set namespace.create=true); InstallManifestInSyncTest keeps it in sync.
      #   kubectl apply --server-side -f manifests/install.yaml
      """;

  /** helm template leaves crds/ out (helm-java has no --include-crds): the CRD comes first. */
  static String rendered() {
    String crd = RepoFiles.read(ChartRender.CHART.resolve("crds/" + CRD));
    return HEADER
        + "---\n# Source: chatbot-operator/crds/"
        + CRD
        + "\n"
        + crd
        + ChartRender.defaults().set("namespace.create", true).yaml();
  }

  private static final String CRD = "chatbotdeployments.chatbot.dev-v1.yml";

  @Test
  void installManifestIsTheChartRenderedWithDefaults() throws Exception {
    String expected = rendered();
    Path generated = Path.of("target/install.yaml");
    Files.writeString(generated, expected);

    assertThat(RepoFiles.read(RepoFiles.resolve("manifests/install.yaml")))
        .as(
            "manifests/install.yaml is out of date with the chart; after reviewing the change run:"
                + " cp operator/target/install.yaml manifests/install.yaml")
        .isEqualTo(expected);
  }

  @Test
  void installManifestCreatesTheNamespaceTheCrdAndTheOperator() {
    assertThat(ChartRender.parse(rendered()))
        .extracting(o -> o.getKind())
        .contains(
            "Namespace",
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "Deployment",
            "NetworkPolicy");
  }
}
