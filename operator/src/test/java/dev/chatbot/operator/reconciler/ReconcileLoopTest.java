package dev.chatbot.operator.reconciler;

import static dev.chatbot.operator.testing.CrYaml.DIGEST_A;
import static dev.chatbot.operator.testing.CrYaml.DIGEST_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.testing.CrYaml;
import dev.chatbot.operator.testing.MockCluster;
import dev.chatbot.operator.testing.TestingDeploymentController;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconcile loop against the fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class ReconcileLoopTest {

  static KubernetesClient client;
  MockCluster cluster;
  TestingDeploymentController controller;

  @BeforeEach
  void start() {
    cluster = new MockCluster(client);
    controller = new TestingDeploymentController(client, cluster.namespace);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private ChatbotDeployment awaitStatus(
      String name, java.util.function.Predicate<ChatbotDeployment> until) {
    return cluster.awaitStatus(name, until);
  }

  private static String condition(ChatbotDeployment cr, String type) {
    return cr.getStatus()
        .condition(type)
        .map(c -> c.getStatus() + "/" + c.getReason())
        .orElse("none");
  }

  @Test
  void createsEveryOwnedObjectAndReportsProgressing() {
    cluster.apply(CrYaml.minimal("chat", DIGEST_A));

    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Progressing);

    String ns = cluster.namespace;
    assertThat(client.serviceAccounts().inNamespace(ns).withName("chat").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(ns).withName("chat-config").get()).isNotNull();
    assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("chat-uploads").get())
        .isNotNull();
    assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("chat-exports").get())
        .isNotNull();
    assertThat(client.services().inNamespace(ns).withName("chat").get()).isNotNull();
    assertThat(client.network().v1().networkPolicies().inNamespace(ns).withName("chat").get())
        .isNotNull();
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("chat").get())
        .isNull();
    Deployment d = cluster.deployment("chat");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("ghcr.io/chatbot-operator/chatbot-app@" + DIGEST_A);
    assertThat(cr.getStatus().getObservedGeneration()).isEqualTo(cr.getMetadata().getGeneration());
    assertThat(cr.getStatus().getEndpoint()).isEqualTo("http://chat." + ns + ".svc:80");
    assertThat(condition(cr, "Ready")).startsWith("False/");
    assertThat(condition(cr, "Progressing")).startsWith("True/");
    assertThat(client.apps().controllerRevisions().inNamespace(ns).list().getItems()).hasSize(1);
  }

  @Test
  void becomesReadyWhenTheDeploymentIsAvailable() {
    cluster.apply(CrYaml.minimal("chat", DIGEST_A));
    awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Progressing);

    controller.makeAvailable("chat");

    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Ready);
    String revision =
        cluster
            .deployment("chat")
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get(Labels.REVISION);
    assertThat(cr.getStatus().getReady()).isEqualTo("1/1");
    assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(revision);
    assertThat(cr.getStatus().getLastKnownGoodRevision()).isEqualTo(revision);
    assertThat(cr.getStatus().getImage().getShortDigest()).isEqualTo("aaaaaaaaaaaa");
    assertThat(condition(cr, "Ready")).isEqualTo("True/Available");
    assertThat(cr.getStatus().getHistory())
        .singleElement()
        .satisfies(h -> assertThat(h.getOutcome().name()).isEqualTo("Succeeded"));
  }

  @Test
  void revertsAHandEditOfTheDeployment() {
    cluster.apply(CrYaml.minimal("chat", DIGEST_A));
    await().atMost(Duration.ofSeconds(60)).until(() -> cluster.deployment("chat") != null);

    Deployment edited = cluster.deployment("chat");
    var container = edited.getSpec().getTemplate().getSpec().getContainers().get(0);
    container.setImage("ghcr.io/chatbot-operator/chatbot-app:latest");
    container.getSecurityContext().setRunAsUser(0L);
    client.resource(edited).update();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              var c =
                  cluster
                      .deployment("chat")
                      .getSpec()
                      .getTemplate()
                      .getSpec()
                      .getContainers()
                      .get(0);
              assertThat(c.getImage()).endsWith("@" + DIGEST_A);
              assertThat(c.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
            });
  }

  @Test
  void rotatingTheApiKeySecretRollsThePods() {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("llm")
                .withNamespace(cluster.namespace)
                .endMetadata()
                .withStringData(Map.of("api-key", "sk-one"))
                .build())
        .create();
    cluster.apply(
        CrYaml.yaml(
            "chat",
            """
        image: {digest: "%s"}
        model: {provider: openai, baseUrl: "https://api.example.com/v1", apiKeySecretRef: {name: llm, key: api-key}}
        """
                .formatted(DIGEST_A)));
    await().atMost(Duration.ofSeconds(60)).until(() -> cluster.deployment("chat") != null);
    String before =
        cluster
            .deployment("chat")
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get(Labels.INPUTS_HASH);

    var secret = client.secrets().inNamespace(cluster.namespace).withName("llm").get();
    secret.setData(
        Map.of("api-key", java.util.Base64.getEncoder().encodeToString("sk-two".getBytes())));
    client.resource(secret).update();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .deployment("chat")
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations()
                            .get(Labels.INPUTS_HASH))
                    .isNotNull()
                    .isNotEqualTo(before));
    String env =
        client
            .persistentVolumeClaims()
            .inNamespace(cluster.namespace)
            .withName("chat-uploads")
            .get()
            .getMetadata()
            .getName();
    assertThat(env).isEqualTo("chat-uploads");
  }

  @Test
  void aMissingSecretStopsTheRolloutWithAClearCondition() {
    cluster.apply(
        CrYaml.yaml(
            "chat",
            """
        image: {digest: "%s"}
        auth: {secretRef: {name: chat-users}}
        """
                .formatted(DIGEST_A)));

    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().condition("Ready").isPresent());

    Condition ready = cr.getStatus().condition("Ready").orElseThrow();
    assertThat(ready.getReason()).isEqualTo("MissingReference");
    assertThat(ready.getMessage()).contains("Secret chat-users").contains("spec.auth.secretRef");
    assertThat(cluster.deployment("chat")).isNull();
  }

  @Test
  void anInvalidSpecIsReportedAndOtherCrsAreStillServed() {
    cluster.apply(
        CrYaml.yaml(
            "broken",
            """
        image: {digest: "%s"}
        resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}
        """
                .formatted(DIGEST_A)));
    cluster.apply(CrYaml.minimal("fine", DIGEST_A));

    ChatbotDeployment broken = awaitStatus("broken", c -> c.getStatus().getPhase() != null);
    awaitStatus("fine", c -> c.getStatus().getPhase() == Phase.Progressing);

    Condition ready = broken.getStatus().condition("Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).contains("spec.resources.requests.memory");
    assertThat(broken.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(cluster.deployment("broken")).isNull();
    assertThat(client.v1().events().inNamespace(cluster.namespace).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("InvalidSpec"));
  }

  @Test
  void deletingTheCrKeepsRetainedVolumesAndDeletesOthers() {
    cluster.apply(CrYaml.minimal("kept", DIGEST_A));
    cluster.apply(
        CrYaml.yaml(
            "gone",
            """
        image: {digest: "%s"}
        storage: {retentionPolicy: Delete}
        """
                .formatted(DIGEST_A)));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client
                            .persistentVolumeClaims()
                            .inNamespace(cluster.namespace)
                            .list()
                            .getItems()
                            .size()
                        == 4
                    && cluster.get("kept").getMetadata().getFinalizers().size() == 1
                    && cluster.get("gone").getMetadata().getFinalizers().size() == 1);

    client.resource(cluster.get("kept")).delete();
    client.resource(cluster.get("gone")).delete();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> cluster.get("kept") == null && cluster.get("gone") == null);
    var claims =
        client.persistentVolumeClaims().inNamespace(cluster.namespace).list().getItems().stream()
            .map(p -> p.getMetadata().getName())
            .toList();
    assertThat(claims).containsExactlyInAnyOrder("kept-uploads", "kept-exports");
  }

  @Test
  void aDigestThatMissesItsDeadlineIsRolledBackToTheKnownGoodRevision() {
    cluster.apply(CrYaml.minimal("chat", DIGEST_A));
    awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Progressing);
    controller.makeAvailable("chat");
    String good =
        awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Ready)
            .getStatus()
            .getCurrentRevision();

    cluster.apply(CrYaml.minimal("chat", DIGEST_B));
    String bad =
        awaitStatus("chat", c -> !good.equals(c.getStatus().getCurrentRevision()))
            .getStatus()
            .getCurrentRevision();
    controller.exceedDeadline("chat");

    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.RolledBack);
    assertThat(cr.getStatus().getFailedRevision()).isEqualTo(bad);
    assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(good);
    assertThat(cr.getStatus().getLastKnownGoodRevision()).isEqualTo(good);
    assertThat(cluster.image("chat")).endsWith(DIGEST_A);
    Condition rolledBack = cr.getStatus().condition("RolledBack").orElseThrow();
    assertThat(rolledBack.getStatus()).isEqualTo("True");
    assertThat(rolledBack.getReason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(rolledBack.getMessage()).contains(good).contains(bad);
    assertThat(cr.getSpec().getImage().getDigest())
        .as("the spec is never written")
        .isEqualTo(DIGEST_B);
    assertThat(client.v1().events().inNamespace(cluster.namespace).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RolledBack"));
    assertThat(cluster.runtime().registry().scrape())
        .contains("chatbot_operator_rollbacks_total{reason=\"ProgressDeadlineExceeded\"} 1.0");
  }
}
