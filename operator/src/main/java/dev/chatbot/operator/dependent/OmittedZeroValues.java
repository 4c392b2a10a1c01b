package dev.chatbot.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.stream.Stream;

/**
 * The desired Deployment as the API server stores it: Go's {@code omitempty} drops {@code
 * minReadySeconds: 0} and {@code readOnly: false}, so JOSDK's server-side-apply matcher would see a
 * difference on every reconcile and patch every Deployment at every resync (found by
 * SteadyStateWritesIT: one patch per CR per resync). Only the comparison uses this copy; what is
 * applied, and the revision hash, keep the explicit values.
 */
final class OmittedZeroValues {

  private OmittedZeroValues() {}

  static Deployment of(Deployment desired) {
    Deployment copy = new DeploymentBuilder(desired).build();
    var spec = copy.getSpec();
    if (spec.getMinReadySeconds() != null && spec.getMinReadySeconds() == 0) {
      spec.setMinReadySeconds(null);
    }
    var pod = spec.getTemplate().getSpec();
    Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
        .map(Container::getVolumeMounts)
        .flatMap(mounts -> mounts == null ? Stream.empty() : mounts.stream())
        .filter(mount -> Boolean.FALSE.equals(mount.getReadOnly()))
        .forEach(OmittedZeroValues::clearReadOnly);
    return copy;
  }

  private static void clearReadOnly(VolumeMount mount) {
    mount.setReadOnly(null);
  }
}
