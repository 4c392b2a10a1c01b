package dev.chatbot.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chatbot.operator.testing.cluster.RealCluster;
import dev.chatbot.operator.testing.cluster.RealClusterTest;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real control plane (test-infra/cluster.sh) behaves like a cluster: PodSecurity admission,
 * scheduling onto kwok nodes, Deployment availability, PVC binding and the simulated failures.
 */
@RealClusterTest
class ControlPlaneSmokeIT {

  static final String IMAGE =
      "ghcr.io/chatbot-operator/chatbot-app@sha256:"
          + "0f3c1c0a7e5b9d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e";
  static final String DEAD_IMAGE =
      "ghcr.io/chatbot-operator/chatbot-app@sha256:"
          + "dead00000000000000000000000000000000000000000000000000000000beef";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  static KubernetesClient client;
  static String ns;

  @BeforeAll
  static void namespace(RealCluster cluster) {
    client = cluster.client();
    ns =
        cluster
            .createNamespace(
                "smoke",
                Map.of(
                    "pod-security.kubernetes.io/enforce", "restricted",
                    "pod-security.kubernetes.io/enforce-version", "latest"))
            .getMetadata()
            .getName();
  }

  @Test
  void restrictedDeploymentWithAPersistentVolumeClaimBecomesAvailable() {
    PersistentVolumeClaim pvc =
        client
            .persistentVolumeClaims()
            .inNamespace(ns)
            .resource(
                new PersistentVolumeClaimBuilder()
                    .withNewMetadata()
                    .withName("data")
                    .endMetadata()
                    .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withNewResources()
                    .withRequests(Map.of("storage", new Quantity("1Gi")))
                    .endResources()
                    .endSpec()
                    .build())
            .create();
    assertThat(pvc.getSpec().getStorageClassName())
        .as("default StorageClass")
        .isEqualTo("standard");

    PodSpec spec =
        new PodSpecBuilder(restrictedPodSpec(IMAGE))
            .editFirstContainer()
            .addNewVolumeMount()
            .withName("data")
            .withMountPath("/data")
            .endVolumeMount()
            .endContainer()
            .addNewVolume()
            .withName("data")
            .withNewPersistentVolumeClaim("data", false)
            .endVolume()
            .build();
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .resource(deployment("chat", Map.of(), spec))
        .create();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Deployment d = client.apps().deployments().inNamespace(ns).withName("chat").get();
              assertThat(d.getStatus()).isNotNull();
              assertThat(d.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Available");
                        assertThat(c.getStatus()).isEqualTo("True");
                      });
              assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1);
            });
    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(ns)
                .withName("data")
                .get()
                .getStatus()
                .getPhase())
        .isEqualTo("Bound");
    Pod pod = podsOf("chat").get(0);
    assertThat(pod.getSpec().getNodeName()).startsWith("kwok-node-");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(pod.getStatus().getPodIP()).isNotBlank();
    assertThat(pod.getStatus().getContainerStatuses())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getReady()).isTrue();
              assertThat(s.getStarted()).isTrue();
            });
  }

  @Test
  void privilegedPodIsRejectedByPodSecurity() {
    PodSpec spec = restrictedPodSpec(IMAGE);
    // Otherwise restricted-compliant; privileged=true requires allowPrivilegeEscalation unset/true
    // (apiserver validation answers 422 before PodSecurity is asked).
    spec.getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(null);
    spec.getContainers().get(0).getSecurityContext().setPrivileged(true);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("privileged")
            .endMetadata()
            .withSpec(spec)
            .build();

    assertThatThrownBy(() -> client.pods().inNamespace(ns).resource(pod).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
        .hasMessageContaining("violates PodSecurity \"restricted:latest\"")
        .hasMessageContaining("privileged");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // name,         simulate label, image,     expected waiting reason (empty: running, not ready)
    "crashloop,      crashloop,      ok,        CrashLoopBackOff",
    "dead-digest,    '',             dead,      CrashLoopBackOff",
    "imagepull,      imagepull,      ok,        ImagePullBackOff",
    "never-ready,    never-ready,    ok,        ''",
  })
  void simulatedFailuresShowInPodStatus(
      String name, String simulate, String image, String waitingReason) {
    Map<String, String> labels =
        simulate.isEmpty() ? Map.of() : Map.of("chatbot.dev/simulate", simulate);
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .resource(
            deployment(
                "sim-" + name,
                labels,
                restrictedPodSpec("dead".equals(image) ? DEAD_IMAGE : IMAGE)))
        .create();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              List<Pod> pods = podsOf("sim-" + name);
              assertThat(pods).hasSize(1);
              Pod pod = pods.get(0);
              assertThat(pod.getStatus().getPodIP()).isNotBlank();
              ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
              assertThat(status.getReady()).isFalse();
              if (waitingReason.isEmpty()) {
                assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
                assertThat(status.getState().getRunning()).isNotNull();
                assertThat(status.getStarted()).isTrue();
              } else {
                assertThat(status.getState().getWaiting()).isNotNull();
                assertThat(status.getState().getWaiting().getReason()).isEqualTo(waitingReason);
              }
              if ("CrashLoopBackOff".equals(waitingReason)) {
                assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
                assertThat(status.getRestartCount()).isEqualTo(5);
                assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
              }
              if ("ImagePullBackOff".equals(waitingReason)) {
                assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
              }
            });
    Deployment d = client.apps().deployments().inNamespace(ns).withName("sim-" + name).get();
    assertThat(d.getStatus().getAvailableReplicas()).isNull();
  }

  /**
   * The real Deployment controller reports a stuck rollout: pods that never become Ready make the
   * Deployment Progressing=False/ProgressDeadlineExceeded once progressDeadlineSeconds has passed
   * (what the operator's rollback decision watches).
   */
  @Test
  void neverReadyDeploymentExceedsItsProgressDeadline() {
    Deployment deadline =
        deployment(
            "deadline", Map.of("chatbot.dev/simulate", "never-ready"), restrictedPodSpec(IMAGE));
    deadline.getSpec().setProgressDeadlineSeconds(5);
    client.apps().deployments().inNamespace(ns).resource(deadline).create();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .apps()
                            .deployments()
                            .inNamespace(ns)
                            .withName("deadline")
                            .get()
                            .getStatus()
                            .getConditions())
                    .anySatisfy(
                        c -> {
                          assertThat(c.getType()).isEqualTo("Progressing");
                          assertThat(c.getStatus()).isEqualTo("False");
                          assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
                        }));
  }

  private static List<Pod> podsOf(String app) {
    return client.pods().inNamespace(ns).withLabel("app", app).list().getItems();
  }

  private static Deployment deployment(String name, Map<String, String> extraLabels, PodSpec spec) {
    Map<String, String> labels = new HashMap<>(extraLabels);
    labels.put("app", name);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(Map.of("app", name))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withSpec(spec)
        .endTemplate()
        .endSpec()
        .build();
  }

  /** A pod spec that passes the "restricted" Pod Security Standard. */
  private static PodSpec restrictedPodSpec(String image) {
    return new PodSpecBuilder()
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(10001L)
        .withRunAsGroup(10001L)
        .withFsGroup(10001L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("app")
        .withImage(image)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
        .withLimits(Map.of("memory", new Quantity("256Mi")))
        .endResources()
        .endContainer()
        .build();
  }
}
