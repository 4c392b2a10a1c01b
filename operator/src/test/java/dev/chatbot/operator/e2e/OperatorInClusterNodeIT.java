package dev.chatbot.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.UpgradeCommand;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.testing.ChartRender;
import dev.chatbot.operator.testing.RepoFiles;
import dev.chatbot.operator.testing.cluster.RealCluster;
import dev.chatbot.operator.testing.cluster.RealNodeTest;
import dev.chatbot.operator.testing.node.AppHttp;
import dev.chatbot.operator.testing.node.NodeContainers;
import dev.chatbot.operator.testing.node.NodeContainers.ContainerProcess;
import dev.chatbot.operator.testing.node.NodeImages;
import dev.chatbot.operator.testing.node.ReadyPods;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The product as a user installs it, all of it running for real: `helm install` of the chart puts
 * the operator image in a pod on a real node (its hardening, probes and leader election), the
 * operator brings the unchanged minimal sample (no spec.image) up with the bundled app image the
 * chart pins, and the chat answers through the Service (kube-proxy). A `helm upgrade` of the
 * operator leaves the chat pod and its files alone.
 */
@RealNodeTest
class OperatorInClusterNodeIT {

  static final KubernetesSerialization YAML = new KubernetesSerialization();
  static final Duration START = Duration.ofSeconds(240);

  @Test
  void theHelmInstalledOperatorRunsInAPodAndServesTheMinimalSample(RealCluster cluster)
      throws Exception {
    KubernetesClient admin = cluster.client();
    NodeContainers containers = new NodeContainers(cluster);
    NodeImages images = new NodeImages(cluster);
    Path operatorTar = RealCluster.repoRoot().resolve("operator/target/chatbot-operator-image.tar");
    String operatorDigest = images.push(operatorTar, "chatbot-operator", "node-it");
    String appDigest = images.push(NodeImages.appImageTar(), "chatbot-app", "node-it");
    String system = cluster.createRealNodeNamespace("chatbot-system");
    String chat = cluster.createRealNodeNamespace("chat");

    Map<String, String> values =
        Map.of(
            "image.repository", images.registry() + "/chatbot-operator",
            "image.digest", operatorDigest,
            "appImage.repository", images.registry() + "/chatbot-app",
            "appImage.digest", appDigest,
            "watchNamespaces[0]", chat);
    InstallCommand install =
        new Helm(ChartRender.CHART)
            .install()
            .withName("chatbot")
            .withNamespace(system)
            .withKubeConfig(cluster.kubeconfigPath());
    values.forEach(install::set);
    install.call();

    Pod operator =
        ReadyPods.one(admin, system, "app.kubernetes.io/name", "chatbot-operator", START);
    assertThat(operator.getSpec().getNodeName()).isEqualTo("realnode-0");
    assertThat(operator.getStatus().getContainerStatuses().get(0).getImageID())
        .endsWith(operatorDigest);
    ContainerProcess process =
        containers.process(operator, operator.getSpec().getContainers().get(0).getName());
    assertThat(process.uids()).containsOnly(10001L);
    assertThat(process.mountOptions("/")).contains("ro");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> admin.leases().inNamespace(system).withName("chatbot-operator-leader").get(),
            lease -> heldBy(lease, operator));

    GenericKubernetesResource sample =
        OperatorUnderTest.withShortWindow(
            YAML.unmarshal(
                RepoFiles.read(RepoFiles.resolve("manifests/samples/minimal.yaml")),
                GenericKubernetesResource.class));
    sample.getMetadata().setNamespace(chat);
    admin.resource(sample).fieldManager("kubectl").forceConflicts().serverSideApply();

    ChatbotDeployment ready =
        await()
            .atMost(START)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    admin
                        .resources(ChatbotDeployment.class)
                        .inNamespace(chat)
                        .withName("minimal")
                        .get(),
                cr -> cr.getStatus() != null && cr.getStatus().getPhase() == Phase.Ready);
    assertThat(ready.getStatus().getImage().getDigest()).isEqualTo(appDigest);
    Pod app =
        ReadyPods.one(admin, chat, "app.kubernetes.io/instance", "minimal", Duration.ofSeconds(30));
    assertThat(app.getSpec().getNodeName()).isEqualTo("realnode-0");
    assertThat(app.getStatus().getContainerStatuses().get(0).getImageID()).endsWith(appDigest);

    // Through the Service's ClusterIP: kube-proxy's rules on this machine lead to the pod.
    String clusterIp =
        admin.services().inNamespace(chat).withName("minimal").get().getSpec().getClusterIP();
    String base = "http://" + clusterIp + ":80";
    AppHttp.upload(base, "install.txt", "Install the operator with helm install.");
    String answer =
        AppHttp.post(base + "/api/chat", "{\"message\": \"How is the operator installed?\"}");
    assertThat(answer).contains("install.txt");

    // An operator upgrade rolls the operator's pod, not the chat pod.
    UpgradeCommand upgrade =
        new Helm(ChartRender.CHART)
            .upgrade()
            .withName("chatbot")
            .withNamespace(system)
            .withKubeConfig(cluster.kubeconfigPath())
            .set("podAnnotations.upgraded", "yes");
    values.forEach(upgrade::set);
    upgrade.call();
    Pod upgraded =
        await()
            .atMost(START)
            .until(
                () ->
                    ReadyPods.one(
                        admin, system, "app.kubernetes.io/name", "chatbot-operator", START),
                p -> !p.getMetadata().getUid().equals(operator.getMetadata().getUid()));
    assertThat(upgraded.getMetadata().getAnnotations()).containsEntry("upgraded", "yes");
    // The new operator took over and still sees the CR Ready; the app pod was never replaced.
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> admin.leases().inNamespace(system).withName("chatbot-operator-leader").get(),
            lease -> heldBy(lease, upgraded));
    assertThat(
            admin
                .resources(ChatbotDeployment.class)
                .inNamespace(chat)
                .withName("minimal")
                .get()
                .getStatus()
                .getPhase())
        .isEqualTo(Phase.Ready);
    Pod same =
        ReadyPods.one(admin, chat, "app.kubernetes.io/instance", "minimal", Duration.ofSeconds(30));
    assertThat(same.getMetadata().getUid()).isEqualTo(app.getMetadata().getUid());
    assertThat(AppHttp.getBody(base + "/api/documents")).contains("install.txt");
  }

  /** The operator's identity is its pod name (HOSTNAME) and a random suffix per process. */
  static boolean heldBy(io.fabric8.kubernetes.api.model.coordination.v1.Lease lease, Pod pod) {
    return lease != null
        && lease.getSpec().getHolderIdentity() != null
        && lease.getSpec().getHolderIdentity().startsWith(pod.getMetadata().getName() + "-");
  }
}
