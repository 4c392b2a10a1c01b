package dev.chatbot.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.config.BundledAppImage;
import dev.chatbot.operator.testing.ChartRender;
import dev.chatbot.operator.testing.RepoFiles;
import dev.chatbot.operator.testing.cluster.RealCluster;
import dev.chatbot.operator.testing.cluster.RealClusterTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * `helm install` of the chart into the real control plane, namespace-scoped (watchNamespaces), then
 * the minimal sample (no spec.image) reaches Ready with the operator running under the chart's
 * ServiceAccount, Roles and leader-election Role. The chart's operator pod itself lands on a KWOK
 * node (no container runs there): the operator runs in this JVM with that ServiceAccount's token.
 */
@RealClusterTest
class ChartInstallIT {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  @Test
  void helmInstalledOperatorBringsTheMinimalSampleToReadyInItsNamespaceOnly(RealCluster cluster) {
    KubernetesClient admin = cluster.client();
    OperatorUnderTest.install(admin); // the CRD (Helm skips an existing one)
    String restricted = "pod-security.kubernetes.io/enforce";
    String watched =
        cluster.createNamespace("chart", Map.of(restricted, "restricted")).getMetadata().getName();
    String other =
        cluster
            .createNamespace("unwatched", Map.of(restricted, "restricted"))
            .getMetadata()
            .getName();
    String release = "chatbot-ns";
    String releaseNamespace = "chatbot-helm";

    Release installed =
        new Helm(ChartRender.CHART)
            .install()
            .withName(release)
            .withNamespace(releaseNamespace)
            .createNamespace()
            .withKubeConfig(cluster.kubeconfigPath())
            .set("watchNamespaces[0]", watched)
            .call();

    assertThat(installed.getStatus()).isEqualTo("deployed");
    String fullname = release + "-chatbot-operator";
    assertThat(admin.rbac().roles().inNamespace(watched).withName(fullname).get()).isNotNull();
    assertThat(admin.rbac().clusterRoles().withName(fullname).get())
        .as("namespace-scoped: no ClusterRole beyond the CRD read")
        .isNull();

    try (OperatorUnderTest operator =
        OperatorUnderTest.start(
            cluster,
            OperatorUnderTest.config()
                .withNamespaces(Set.of(watched))
                .withLeaderElection(true)
                .withLease("chatbot-operator-leader", releaseNamespace),
            releaseNamespace,
            fullname)) {
      apply(admin, watched);
      apply(admin, other);

      ChatbotDeployment ready =
          await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> get(admin, watched),
                  cr -> cr.getStatus() != null && cr.getStatus().getPhase() == Phase.Ready);

      BundledAppImage bundled = BundledAppImage.fromEnvironment();
      assertThat(ready.getStatus().getImage().getDigest())
          .isEqualTo(bundled.digest().orElseThrow());
      assertThat(
              admin
                  .apps()
                  .deployments()
                  .inNamespace(watched)
                  .withName("minimal")
                  .get()
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImage())
          .isEqualTo(bundled.repository() + "@" + bundled.digest().orElseThrow());
      Lease lease =
          admin.leases().inNamespace(releaseNamespace).withName("chatbot-operator-leader").get();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(operator.runtime().identity());
      // By now the watched CR was reconciled many times: the other one never was.
      assertThat(get(admin, other).getStatus().getObservedGeneration())
          .as("a namespace outside watchNamespaces is left alone")
          .isNull();
      assertThat(admin.apps().deployments().inNamespace(other).withName("minimal").get()).isNull();
    }
  }

  private static void apply(KubernetesClient admin, String namespace) {
    GenericKubernetesResource cr =
        YAML.unmarshal(
            RepoFiles.read(RepoFiles.resolve("manifests/samples/minimal.yaml")),
            GenericKubernetesResource.class);
    cr.getMetadata().setNamespace(namespace);
    admin.resource(cr).fieldManager("kubectl").forceConflicts().serverSideApply();
  }

  private static ChatbotDeployment get(KubernetesClient admin, String namespace) {
    return admin
        .resources(ChatbotDeployment.class)
        .inNamespace(namespace)
        .withName("minimal")
        .get();
  }
}
