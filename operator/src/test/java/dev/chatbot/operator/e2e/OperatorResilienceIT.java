package dev.chatbot.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.config.OperatorConfig;
import dev.chatbot.operator.testing.cluster.RealCluster;
import dev.chatbot.operator.testing.cluster.RealClusterTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator restarts and fail-over, with nothing kept in memory between operator processes. */
@RealClusterTest
class OperatorResilienceIT {

  static final String GOOD = "sha256:" + "3".repeat(64);
  static final String NEXT = "sha256:" + "4".repeat(64);
  static final String CRASHING = "sha256:dead" + "1".repeat(60);

  RealCluster cluster;
  KubernetesClient admin;
  String ns;
  NamespaceCrs crs;

  @BeforeEach
  void namespace(RealCluster realCluster) {
    cluster = realCluster;
    admin = realCluster.client();
    OperatorUnderTest.install(admin);
    ns =
        realCluster
            .createNamespace(
                "resilience", Map.of("pod-security.kubernetes.io/enforce", "restricted"))
            .getMetadata()
            .getName();
    crs = new NamespaceCrs(admin, ns);
  }

  OperatorConfig config(Duration failureThreshold) {
    return OperatorUnderTest.config()
        .withNamespaces(Set.of(ns))
        .withFailureThreshold(failureThreshold);
  }

  void apply(String name, String digest) {
    crs.apply(name, digest);
  }

  ChatbotDeployment awaitCr(String name, Duration timeout, Predicate<ChatbotDeployment> until) {
    return crs.await(name, timeout, until);
  }

  String image(String name) {
    return crs.image(name);
  }

  @Test
  void anOperatorKilledMidRolloutIsSucceededByOneThatFinishesTheRollback() {
    String good;
    // The first operator would wait a minute before calling the crash loop a failure...
    try (OperatorUnderTest first =
        OperatorUnderTest.start(cluster, config(Duration.ofSeconds(60)))) {
      apply("resume", GOOD);
      good =
          awaitCr("resume", Duration.ofSeconds(90), c -> c.getStatus().getPhase() == Phase.Ready)
              .getStatus()
              .getCurrentRevision();
      apply("resume", CRASHING);
      await().atMost(Duration.ofSeconds(60)).until(() -> image("resume").endsWith(CRASHING));
    }
    // ...but it is gone mid-rollout. A new process knows only what the cluster says.
    try (OperatorUnderTest second =
        OperatorUnderTest.start(cluster, config(Duration.ofSeconds(5)))) {
      ChatbotDeployment cr =
          awaitCr(
              "resume", Duration.ofSeconds(120), c -> c.getStatus().getPhase() == Phase.RolledBack);

      assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(good);
      assertThat(cr.getStatus().getLastKnownGoodRevision()).isEqualTo(good);
      assertThat(image("resume")).endsWith(GOOD);
    }
  }

  @Test
  void aStandbyReplicaTakesOverWhenTheLeaderStops() {
    String lease = "chatbot-e2e-" + UUID.randomUUID().toString().substring(0, 6);
    OperatorConfig elected =
        config(Duration.ofSeconds(5))
            .withLeaderElection(true)
            .withLease(lease, OperatorUnderTest.NAMESPACE);
    OperatorUnderTest a = OperatorUnderTest.start(cluster, elected);
    OperatorUnderTest b = OperatorUnderTest.start(cluster, elected);
    try {
      apply("failover", GOOD);
      awaitCr("failover", Duration.ofSeconds(90), c -> c.getStatus().getPhase() == Phase.Ready);
      String holder =
          admin
              .leases()
              .inNamespace(OperatorUnderTest.NAMESPACE)
              .withName(lease)
              .get()
              .getSpec()
              .getHolderIdentity();
      OperatorUnderTest leader = holder.equals(a.runtime().identity()) ? a : b;
      OperatorUnderTest standby = leader == a ? b : a;
      assertThat(holder).isIn(a.runtime().identity(), b.runtime().identity());

      leader.close();
      apply("failover", NEXT);

      awaitCr(
          "failover",
          Duration.ofSeconds(120),
          c ->
              c.getStatus().getPhase() == Phase.Ready
                  && NEXT.equals(c.getStatus().getImage().getDigest()));
      assertThat(
              admin
                  .leases()
                  .inNamespace(OperatorUnderTest.NAMESPACE)
                  .withName(lease)
                  .get()
                  .getSpec()
                  .getHolderIdentity())
          .isEqualTo(standby.runtime().identity());
      assertThat(image("failover")).endsWith(NEXT);
    } finally {
      a.close();
      b.close();
    }
  }
}
