package dev.chatbot.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.registry.DistributionApiResolver;
import dev.chatbot.operator.registry.ImageDigestResolver;
import dev.chatbot.operator.registry.RegistryCredentials;
import dev.chatbot.operator.registry.RegistryException;
import dev.chatbot.operator.testing.CrYaml;
import dev.chatbot.operator.testing.LocalRegistry;
import dev.chatbot.operator.testing.MockCluster;
import dev.chatbot.operator.testing.OciLayouts;
import dev.chatbot.operator.testing.TestingDeploymentController;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag resolution through the whole reconcile, against a real registry with htpasswd auth whose
 * credentials exist only in the CR's pull Secret; the API server is fabric8's mock. The refresh
 * cadence runs on the operator's clock, which this test drives: spec.image.refreshInterval's 1m
 * minimum passes in no real time (a poke annotation stands in for the timer, which waits real
 * time).
 */
@EnableKubernetesMockClient(crud = true)
class ImageRefreshLoopIT {

  static KubernetesClient client;
  @TempDir Path dir;
  LocalRegistry registry;
  MockCluster cluster;
  TestingDeploymentController controller;
  final AtomicInteger lookups = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    registry = LocalRegistry.start(dir, LocalRegistry.Setup.anonymous().withHtpasswd("bot:pw"));
    DistributionApiResolver real = new DistributionApiResolver(Duration.ofSeconds(3));
    ImageDigestResolver counting =
        new ImageDigestResolver() {
          @Override
          public String resolve(ImageSpec image, Optional<RegistryCredentials> credentials)
              throws RegistryException {
            lookups.incrementAndGet();
            return real.resolve(image, credentials);
          }
        };
    cluster = new MockCluster(client, Duration.ofSeconds(30), counting);
    controller = new TestingDeploymentController(client, cluster.namespace);
    client
        .secrets()
        .inNamespace(cluster.namespace)
        .resource(registry.pullSecret("regcred", "bot", "pw"))
        .create();
  }

  @AfterEach
  void stop() {
    cluster.close();
    registry.close();
  }

  private ChatbotDeployment cr(String extra) {
    return CrYaml.yaml(
        "chat",
        "image: {repository: "
            + registry.host()
            + "/team/chat, tag: stable, digestPolicy: Resolve, pullSecrets: [regcred]"
            + extra
            + "}\nrollout: {"
            + CrYaml.NO_WINDOW
            + "}");
  }

  private String push(String label) throws Exception {
    return registry.copy(OciLayouts.single(dir.resolve(label), label), "team/chat", "stable");
  }

  private ChatbotDeployment readyOn(String digest) {
    cluster.awaitStatus("chat", c -> cluster.deployment("chat") != null);
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.image("chat").endsWith(digest));
    controller.makeAvailable("chat");
    return cluster.awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Ready);
  }

  private void poke(int n) {
    ChatbotDeployment current = cluster.get("chat");
    ChatbotDeployment next =
        cr(
            current.getSpec().getImage().getRefreshInterval() == null
                ? ""
                : ", refreshInterval: 1m");
    next.getSpec().setReplicas(current.getSpec().getReplicas());
    next.getMetadata().setAnnotations(Map.of("test/poke", String.valueOf(n)));
    cluster.apply(next);
  }

  private java.util.List<Event> events(String reason) {
    return client.v1().events().inNamespace(cluster.namespace).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  @Test
  void withoutRefreshAMovedTagIsNotPickedUpByAnUnrelatedChange() throws Exception {
    String first = push("one");
    cluster.apply(cr(""));
    ChatbotDeployment ready = readyOn(first);
    assertThat(ready.getStatus().getImage().getResolvedFrom()).isEqualTo("stable");
    assertThat(ready.getStatus().getImage().getResolvedAt()).isNotNull();
    assertThat(ready.getStatus().condition("ImageResolved").orElseThrow().getStatus())
        .isEqualTo("True");
    int before = lookups.get();

    String second = push("two");
    ChatbotDeployment scaled = cr("");
    scaled.getSpec().setReplicas(0);
    cluster.apply(scaled);
    cluster.awaitStatus("chat", c -> Integer.valueOf(0).equals(c.getStatus().getReplicas()));

    assertThat(second).isNotEqualTo(first);
    assertThat(cluster.image("chat")).endsWith("@" + first);
    assertThat(lookups.get()).as("no lookup for a replicas change").isEqualTo(before);
  }

  @Test
  void refreshRollsOutAMovedTagAndAnOutageOnlySetsTheCondition() throws Exception {
    String first = push("one");
    cluster.apply(cr(", refreshInterval: 1m"));
    readyOn(first);
    String second = push("two");

    cluster.clock.advance(Duration.ofSeconds(61));
    poke(1);

    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.image("chat").endsWith(second));
    // The Event follows the Deployment write within the same reconcile.
    await().atMost(Duration.ofSeconds(10)).until(() -> !events("ImageTagMoved").isEmpty());
    assertThat(events("ImageTagMoved"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains(first).contains(second));
    ChatbotDeployment moved = readyOn(second);
    assertThat(moved.getStatus().getImage().getDigest()).isEqualTo(second);

    registry.stop();
    cluster.clock.advance(Duration.ofSeconds(61));
    poke(2);

    ChatbotDeployment down =
        cluster.awaitStatus(
            "chat",
            c ->
                c.getStatus()
                    .condition("ImageResolved")
                    .map(x -> "False".equals(x.getStatus()))
                    .orElse(false));
    assertThat(down.getStatus().condition("ImageResolved").orElseThrow().getReason())
        .isEqualTo("Unreachable");
    assertThat(down.getStatus().condition("ImageResolved").orElseThrow().getMessage())
        .contains(registry.host())
        .contains("keeping " + second);
    assertThat(down.getStatus().getPhase()).isEqualTo(Phase.Ready);
    assertThat(down.getStatus().getImage().getDigest()).isEqualTo(second);
    assertThat(cluster.image("chat")).endsWith("@" + second);
    await().atMost(Duration.ofSeconds(10)).until(() -> !events("ImageResolutionFailed").isEmpty());
  }
}
