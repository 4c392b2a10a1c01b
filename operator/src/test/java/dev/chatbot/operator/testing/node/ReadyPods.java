package dev.chatbot.operator.testing.node;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Waiting for pods the way `kubectl wait --for=condition=Ready` would, by label. */
public final class ReadyPods {

  private ReadyPods() {}

  /** The one live pod with that label whose containers are all ready. */
  public static Pod one(
      KubernetesClient admin, String namespace, String label, String value, Duration timeout) {
    List<Pod> pods =
        await()
            .atMost(timeout)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    admin
                        .pods()
                        .inNamespace(namespace)
                        .withLabels(Map.of(label, value))
                        .list()
                        .getItems()
                        .stream()
                        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                        .filter(ReadyPods::allContainersReady)
                        .toList(),
                l -> l.size() == 1);
    return pods.get(0);
  }

  static boolean allContainersReady(Pod p) {
    return p.getStatus().getContainerStatuses() != null
        && !p.getStatus().getContainerStatuses().isEmpty()
        && p.getStatus().getContainerStatuses().stream()
            .allMatch(s -> Boolean.TRUE.equals(s.getReady()));
  }
}
