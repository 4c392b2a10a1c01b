package dev.chatbot.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.desired.ValidSpecs.Input;
import dev.chatbot.operator.testing.RestrictedPodSecurityCheck;
import dev.chatbot.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever valid spec a user writes, the pod the operator renders keeps the contract. */
class RenderedPodPropertiesTest {

  @Provide
  Arbitrary<Input> validInputs() {
    return ValidSpecs.inputs();
  }

  @Property(tries = 250)
  void generatedSpecsAreValid(@ForAll("validInputs") Input input) {
    assertThat(new SpecValidator().validate(input.cr())).isEmpty();
  }

  @Property(tries = 250)
  void podPassesPodSecurityRestricted(@ForAll("validInputs") Input input) {
    PodSpec pod = pod(input);

    assertThat(RestrictedPodSecurityCheck.violations(pod)).isEmpty();
  }

  @Property(tries = 250)
  void podRunsAsTheNonRootUserWithAReadOnlyRoot(@ForAll("validInputs") Input input) {
    PodSpec pod = pod(input);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName()).isEqualTo(input.cr().getMetadata().getName());
    for (Container container : pod.getContainers()) {
      assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(container.getSecurityContext().getRunAsUser()).isNotZero();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }
  }

  @Property(tries = 250)
  void imageIsAlwaysTheRepositoryPinnedByTheDigest(@ForAll("validInputs") Input input) {
    ImageSpec image = input.cr().getSpec().getImage();

    String reference = container(input).getImage();

    assertThat(reference)
        .isEqualTo(image.getRepository() + "@" + input.facts().image().getDigest())
        .matches(".+@sha256:[0-9a-f]{64}");
  }

  @Property(tries = 250)
  void podHasAllThreeHttpProbesOnTheHealthGroups(@ForAll("validInputs") Input input) {
    Container container = container(input);

    for (Probe probe :
        List.of(
            container.getStartupProbe(),
            container.getLivenessProbe(),
            container.getReadinessProbe())) {
      assertThat(probe.getExec()).isNull();
      assertThat(probe.getHttpGet().getPath()).startsWith("/actuator/health/");
      assertThat(probe.getTimeoutSeconds()).isLessThanOrEqualTo(probe.getPeriodSeconds());
    }
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getStartupProbe().getFailureThreshold())
        .isGreaterThanOrEqualTo(container.getLivenessProbe().getFailureThreshold());
  }

  @Property(tries = 250)
  void mountsBothDataVolumesAndAWritableTmp(@ForAll("validInputs") Input input) {
    assertThat(container(input).getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .contains("/data/uploads", "/data/exports", "/tmp");
  }

  @Property(tries = 250)
  void rollsUpdatesOnlyWhenNoVolumeCanBlockANewPod(@ForAll("validInputs") Input input) {
    Deployment deployment = DesiredState.of(input.cr(), input.facts()).deployment();

    boolean shared = StorageLayout.allShared(input.cr().getSpec());
    assertThat(deployment.getSpec().getStrategy().getType())
        .isEqualTo(shared ? "RollingUpdate" : "Recreate");
    if (deployment.getSpec().getReplicas() > 1) {
      assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    }
  }

  @Property(tries = 250)
  void hasADisruptionBudgetExactlyWithMoreThanOneReplica(@ForAll("validInputs") Input input) {
    DesiredState state = DesiredState.of(input.cr(), input.facts());

    assertThat(state.podDisruptionBudget().isPresent())
        .isEqualTo(input.cr().getSpec().getReplicas() > 1);
  }

  @Property(tries = 250)
  void containerEnvNamesAreUnique(@ForAll("validInputs") Input input) {
    List<String> names = container(input).getEnv().stream().map(EnvVar::getName).toList();

    assertThat(names).doesNotHaveDuplicates();
  }

  @Property(tries = 200)
  void rendersTheSameRevisionEveryTime(@ForAll("validInputs") Input input) {
    String first = DesiredState.of(input.cr(), input.facts()).specRevision().revision();

    String second = DesiredState.of(input.cr(), input.facts()).specRevision().revision();

    assertThat(second).isEqualTo(first);
  }

  @Property(tries = 250)
  void renderedRequestsNeverExceedTheirLimits(@ForAll("validInputs") Input input) {
    var resources = container(input).getResources();

    resources
        .getRequests()
        .forEach(
            (resource, request) -> {
              Quantity limit = resources.getLimits().get(resource);
              if (limit != null) {
                assertThat(Quantity.getAmountInBytes(request))
                    .as(resource)
                    .isLessThanOrEqualTo(Quantity.getAmountInBytes(limit));
              }
            });
  }

  private static PodSpec pod(Input input) {
    return DesiredState.of(input.cr(), input.facts())
        .deployment()
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  private static Container container(Input input) {
    return pod(input).getContainers().get(0);
  }
}
