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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rollouts driven through failure, manual rollback and API errors, on the mock API server. */
@EnableKubernetesMockClient(crud = true)
class RolloutLoopTest {

  static KubernetesClient client;
  static KubernetesMockServer server;
  MockCluster cluster;
  TestingDeploymentController controller;

  @BeforeEach
  void start() {
    cluster = new MockCluster(client, Duration.ofSeconds(30));
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

  private String readyWith(String digest) {
    cluster.apply(CrYaml.minimal("chat", digest));
    awaitStatus(
        "chat",
        c ->
            c.getStatus().getPhase() == Phase.Progressing
                && c.getStatus().getImage() != null
                && digest.equals(c.getStatus().getImage().getDigest()));
    controller.makeAvailable("chat");
    return awaitStatus(
            "chat",
            c ->
                c.getStatus().getPhase() == Phase.Ready
                    && digest.equals(c.getStatus().getImage().getDigest()))
        .getStatus()
        .getCurrentRevision();
  }

  private String deployedRevision() {
    return cluster
        .deployment("chat")
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(Labels.REVISION);
  }

  @Test
  void rollsBackWhenNewPodsCrashLoopPastTheThreshold() {
    String good = readyWith(DIGEST_A);
    cluster.apply(CrYaml.minimal("chat", DIGEST_B));
    await().atMost(Duration.ofSeconds(60)).until(() -> !good.equals(deployedRevision()));
    String bad = deployedRevision();

    String pod =
        controller.stuckPod("chat", "CrashLoopBackOff", cluster.clock.instant().minusSeconds(5));
    ChatbotDeployment early =
        awaitStatus("chat", c -> bad.equals(c.getStatus().getCurrentRevision()));
    assertThat(early.getStatus().getPhase())
        .as("below the threshold it is still progressing")
        .isEqualTo(Phase.Progressing);

    cluster.clock.advance(Duration.ofSeconds(40));
    controller.restartAgain(pod);
    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.RolledBack);

    assertThat(cr.getStatus().getFailedRevision()).isEqualTo(bad);
    assertThat(deployedRevision()).isEqualTo(good);
    assertThat(cr.getStatus().condition("RolledBack").orElseThrow().getReason())
        .isEqualTo("CrashLoopBackOff");
  }

  @Test
  void aKnownGoodRevisionThatStartsCrashLoopingIsDegradedAndNotRolledBack() {
    String first = readyWith(DIGEST_A);
    String good = readyWith(DIGEST_B);

    String pod =
        controller.stuckPod("chat", "CrashLoopBackOff", cluster.clock.instant().minusSeconds(5));
    cluster.clock.advance(Duration.ofSeconds(40));
    controller.restartAgain(pod);
    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Degraded);

    assertThat(cr.getStatus().condition("Degraded").orElseThrow().getReason())
        .isEqualTo("PodsCrashLooping");
    assertThat(deployedRevision()).as("not rolled back to %s", first).isEqualTo(good);
    assertThat(cr.getStatus().getFailedRevision()).isNull();
    assertThat(cr.getStatus().getLastKnownGoodRevision()).isEqualTo(good);
    assertThat(client.v1().events().inNamespace(cluster.namespace).list().getItems())
        .noneSatisfy(e -> assertThat(e.getReason()).isEqualTo("RolledBack"));
  }

  @Test
  void aFailedRevisionIsNotRetriedUntilTheRetryAnnotationChanges() {
    String good = readyWith(DIGEST_A);
    cluster.apply(CrYaml.minimal("chat", DIGEST_B));
    await().atMost(Duration.ofSeconds(60)).until(() -> !good.equals(deployedRevision()));
    controller.exceedDeadline("chat");
    awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.RolledBack);
    controller.makeAvailable("chat");
    awaitStatus(
        "chat",
        c -> "True".equals(c.getStatus().condition("Ready").map(r -> r.getStatus()).orElse(null)));
    assertThat(deployedRevision()).as("the known-good revision keeps running").isEqualTo(good);

    ChatbotDeployment retry = CrYaml.minimal("chat", DIGEST_B);
    retry.getMetadata().setAnnotations(Map.of(Labels.RETRY, "1"));
    cluster.apply(retry);

    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Progressing);
    assertThat(deployedRevision()).isNotEqualTo(good);
    assertThat(cluster.image("chat")).endsWith(DIGEST_B);
    assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(deployedRevision());
  }

  @Test
  void manualRollbackDeploysAStoredRevisionAndAnUnknownOneIsRefused() {
    String first = readyWith(DIGEST_A);
    String second = readyWith(DIGEST_B);

    ChatbotDeployment unknown = CrYaml.minimal("chat", DIGEST_B);
    unknown.getMetadata().setAnnotations(Map.of(Labels.ROLLBACK_TO, "0000000000"));
    cluster.apply(unknown);
    ChatbotDeployment refused =
        awaitStatus(
            "chat",
            c ->
                c.getStatus()
                    .condition("RolledBack")
                    .map(r -> "UnknownRevision".equals(r.getReason()))
                    .orElse(false));
    assertThat(refused.getStatus().condition("RolledBack").orElseThrow().getMessage())
        .contains("0000000000")
        .contains(first);
    assertThat(deployedRevision()).isEqualTo(second);

    ChatbotDeployment previous = CrYaml.minimal("chat", DIGEST_B);
    previous.getMetadata().setAnnotations(Map.of(Labels.ROLLBACK_TO, "previous"));
    cluster.apply(previous);
    await().atMost(Duration.ofSeconds(60)).until(() -> first.equals(deployedRevision()));
    controller.makeAvailable("chat");

    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.RolledBack);
    assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(first);
    assertThat(cr.getStatus().condition("RolledBack").orElseThrow().getReason())
        .isEqualTo("ManualRollback");
    assertThat(cr.getStatus().getImage().getDigest()).isEqualTo(DIGEST_A);
  }

  @Test
  void storedRevisionsArePrunedToTheLimitButKeepTheKnownGoodOne() {
    String known = null;
    for (int i = 1; i <= 4; i++) {
      String digest = "sha256:" + String.valueOf(i).repeat(64);
      cluster.apply(
          CrYaml.yaml(
              "chat",
              "image: {digest: \""
                  + digest
                  + "\"}\nrollout: {revisionHistoryLimit: 2, "
                  + CrYaml.NO_WINDOW
                  + "}"));
      awaitStatus(
          "chat",
          c ->
              c.getStatus().getImage() != null
                  && digest.equals(c.getStatus().getImage().getDigest()));
      if (i == 1) {
        controller.makeAvailable("chat");
        known =
            awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Ready)
                .getStatus()
                .getCurrentRevision();
      }
    }
    String lastKnownGood = known;

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              var stored =
                  client
                      .apps()
                      .controllerRevisions()
                      .inNamespace(cluster.namespace)
                      .list()
                      .getItems();
              assertThat(stored).hasSizeLessThanOrEqualTo(3);
              assertThat(stored)
                  .extracting(r -> r.getMetadata().getLabels().get(Labels.REVISION))
                  .contains(lastKnownGood);
              assertThat(cluster.get("chat").getStatus().getHistory()).hasSizeLessThanOrEqualTo(2);
            });
  }

  @Test
  void resolvesATagOnceAndPinsTheDigest() {
    cluster.registry.tag("registry.example/chat/app:1.0", DIGEST_B);
    cluster.apply(
        CrYaml.yaml(
            "chat",
            "image: {repository: registry.example/chat/app, tag: '1.0', digestPolicy: Resolve}\n"
                + "rollout: {"
                + CrYaml.NO_WINDOW
                + "}"));

    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().getImage() != null);
    controller.makeAvailable("chat");
    awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Ready);

    assertThat(cr.getStatus().getImage().getResolvedFrom()).isEqualTo("1.0");
    assertThat(cluster.image("chat")).isEqualTo("registry.example/chat/app@" + DIGEST_B);
    assertThat(cluster.registry.lookups())
        .as("resolved once per generation, not per reconcile")
        .isEqualTo(1);
  }

  @Test
  void aRollbackKeepsTheTagsResolutionSoNoReconcileResolvesAgain() {
    String digestC = "sha256:" + "c".repeat(64);
    cluster.registry.tag("registry.example/chat/app:1.0", DIGEST_B);
    cluster.registry.tag("registry.example/chat/app:2.0", digestC);
    String resolve =
        "image: {repository: registry.example/chat/app, tag: 'TAG', digestPolicy: Resolve}\n"
            + "rollout: {"
            + CrYaml.NO_WINDOW
            + "}";
    cluster.apply(CrYaml.yaml("chat", resolve.replace("TAG", "1.0")));
    awaitStatus("chat", c -> c.getStatus().getImage() != null);
    controller.makeAvailable("chat");
    String good =
        awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Ready)
            .getStatus()
            .getCurrentRevision();

    cluster.apply(CrYaml.yaml("chat", resolve.replace("TAG", "2.0")));
    await().atMost(Duration.ofSeconds(60)).until(() -> !good.equals(deployedRevision()));
    controller.exceedDeadline("chat");
    ChatbotDeployment rolledBack =
        awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.RolledBack);
    int lookups = cluster.registry.lookups();
    ChatbotDeployment poked = CrYaml.yaml("chat", resolve.replace("TAG", "2.0"));
    poked.getMetadata().setAnnotations(Map.of("test/poke", "1"));
    cluster.apply(poked);
    awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.RolledBack);

    assertThat(rolledBack.getStatus().getImage().getResolvedFrom()).isEqualTo("2.0");
    assertThat(rolledBack.getStatus().getImage().getDigest()).isEqualTo(digestC);
    assertThat(rolledBack.getStatus().getImage().getResolvedAt()).isNotNull();
    assertThat(deployedRevision()).isEqualTo(good);
    assertThat(cluster.registry.lookups()).as("no lookup after the rollback").isEqualTo(lookups);
    assertThat(lookups).isEqualTo(2);
  }

  @Test
  void anUnknownTagIsReportedNotDeployed() {
    cluster.apply(
        CrYaml.yaml(
            "chat",
            "image: {repository: registry.example/chat/app, tag: nope, digestPolicy: Resolve}"));

    // First ImageResolved=Unknown (Resolving) while the lookup runs off the reconcile thread.
    ChatbotDeployment cr =
        awaitStatus(
            "chat",
            c ->
                c.getStatus()
                    .condition("ImageResolved")
                    .map(i -> "False".equals(i.getStatus()))
                    .orElse(false));

    assertThat(cr.getStatus().condition("ImageResolved").orElseThrow().getReason())
        .isEqualTo("NotFound");
    assertThat(cr.getStatus().getPhase()).isEqualTo(Phase.Pending);
    assertThat(cr.getStatus().condition("Ready").orElseThrow().getReason())
        .isEqualTo("DigestResolutionFailed");
    assertThat(cr.getStatus().condition("Ready").orElseThrow().getMessage())
        .contains("spec.image.tag")
        .contains("nope");
    assertThat(cluster.deployment("chat")).isNull();
  }

  @Test
  void serverErrorsAndConflictsAreRetriedUntilTheObjectsExist() {
    String path = "/apis/apps/v1/namespaces/" + cluster.namespace + "/deployments";
    server
        .expect()
        .post()
        .withPath(path)
        .andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd hiccup\"}")
        .times(2);
    server
        .expect()
        .post()
        .withPath(path)
        .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\"}")
        .once();

    cluster.apply(CrYaml.minimal("chat", DIGEST_A));

    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.deployment("chat") != null);
    ChatbotDeployment cr = awaitStatus("chat", c -> c.getStatus().getPhase() == Phase.Progressing);
    assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(deployedRevision());
  }
}
