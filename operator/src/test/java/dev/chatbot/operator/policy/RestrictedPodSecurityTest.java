package dev.chatbot.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.testing.RestrictedPodSecurityCheck;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import org.junit.jupiter.api.Test;

class RestrictedPodSecurityTest {

  @Test
  void podContextRunsAsTheFixedNonRootUser() {
    PodSecurityContext pod = RestrictedPodSecurity.pod();

    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getRunAsGroup()).isEqualTo(10001L);
    assertThat(pod.getFsGroup()).isEqualTo(10001L);
    assertThat(pod.getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void containerContextDropsEverything() {
    SecurityContext container = RestrictedPodSecurity.container();

    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getPrivileged()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void aPodWithBothContextsPassesTheRestrictedCheck() {
    PodSpec pod = hardenedPod();

    assertThat(RestrictedPodSecurityCheck.violations(pod)).isEmpty();
  }

  @Test
  void theCheckFlagsAPodRunningAsRoot() {
    PodSpec pod = hardenedPod();
    pod.getSecurityContext().setRunAsUser(0L);
    pod.getSecurityContext().setRunAsNonRoot(false);
    pod.getContainers().get(0).getSecurityContext().setRunAsNonRoot(null);
    pod.getContainers().get(0).getSecurityContext().setRunAsUser(null);

    assertThat(RestrictedPodSecurityCheck.violations(pod))
        .contains(
            "spec.securityContext.runAsUser: must not be 0",
            "spec.securityContext.runAsNonRoot: must not be false",
            "spec.containers[0].securityContext.runAsNonRoot: must be true (here or on the pod)");
  }

  @Test
  void theCheckFlagsEveryBaselineAndRestrictedBreach() {
    PodSpec pod =
        new PodSpecBuilder(hardenedPod())
            .withHostNetwork(true)
            .withHostPID(true)
            .withHostIPC(true)
            .addNewVolume()
            .withName("host")
            .withNewHostPath()
            .withPath("/var/run")
            .endHostPath()
            .endVolume()
            .addNewInitContainer()
            .withName("setup")
            .withImage("busybox")
            .withSecurityContext(
                new SecurityContextBuilder()
                    .withPrivileged(true)
                    .withAllowPrivilegeEscalation(true)
                    .withRunAsUser(0L)
                    .withNewSeccompProfile()
                    .withType("Unconfined")
                    .endSeccompProfile()
                    .withNewCapabilities()
                    .withAdd("SYS_ADMIN", "NET_BIND_SERVICE")
                    .endCapabilities()
                    .build())
            .addNewPort()
            .withContainerPort(80)
            .withHostPort(80)
            .endPort()
            .endInitContainer()
            .build();

    assertThat(RestrictedPodSecurityCheck.violations(pod))
        .containsExactlyInAnyOrder(
            "spec.hostNetwork: must be unset or false",
            "spec.hostPID: must be unset or false",
            "spec.hostIPC: must be unset or false",
            "spec.volumes[1].hostPath: volume type not allowed",
            "spec.initContainers[0].securityContext.privileged: must be unset or false",
            "spec.initContainers[0].securityContext.allowPrivilegeEscalation: must be false",
            "spec.initContainers[0].securityContext.runAsUser: must not be 0",
            "spec.initContainers[0].securityContext.seccompProfile.type: must be RuntimeDefault or"
                + " Localhost (here or on the pod)",
            "spec.initContainers[0].securityContext.capabilities.drop: must include ALL",
            "spec.initContainers[0].securityContext.capabilities.add[0]: only NET_BIND_SERVICE may"
                + " be added",
            "spec.initContainers[0].ports[0].hostPort: must be unset or 0");
  }

  @Test
  void theCheckFlagsAContainerWithNoSecurityContextUnderAnEmptyPod() {
    PodSpec pod =
        new PodSpecBuilder()
            .addNewContainer()
            .withName("app")
            .withImage("app")
            .endContainer()
            .build();

    assertThat(RestrictedPodSecurityCheck.violations(pod))
        .containsExactlyInAnyOrder(
            "spec.containers[0].securityContext.allowPrivilegeEscalation: must be false",
            "spec.containers[0].securityContext.runAsNonRoot: must be true (here or on the pod)",
            "spec.containers[0].securityContext.seccompProfile.type: must be RuntimeDefault or"
                + " Localhost (here or on the pod)",
            "spec.containers[0].securityContext.capabilities.drop: must include ALL");
  }

  private static PodSpec hardenedPod() {
    return new PodSpecBuilder()
        .withSecurityContext(RestrictedPodSecurity.pod())
        .addNewContainer()
        .withName("app")
        .withImage("app@sha256:" + "a".repeat(64))
        .withSecurityContext(RestrictedPodSecurity.container())
        .endContainer()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .build();
  }
}
