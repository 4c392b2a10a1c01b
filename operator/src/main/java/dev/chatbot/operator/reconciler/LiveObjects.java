package dev.chatbot.operator.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a live untyped object already has everything the operator would apply. Containment, not
 * equality: the API server adds defaults, metadata and other managers' fields, none of which is a
 * reason to write.
 */
final class LiveObjects {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private LiveObjects() {}

  static boolean contains(GenericKubernetesResource live, GenericKubernetesResource desired) {
    return contains(tree(live), tree(desired));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(GenericKubernetesResource object) {
    Map<String, Object> tree = JSON.convertValue(object, Map.class);
    Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
    if (metadata != null) {
      // What apply sets and the server keeps; the rest of metadata is the server's.
      tree.put(
          "metadata",
          Map.of(
              "labels", metadata.getOrDefault("labels", Map.of()),
              "ownerReferences", metadata.getOrDefault("ownerReferences", List.of())));
    }
    return tree;
  }

  static boolean contains(Object live, Object desired) {
    if (desired instanceof Map<?, ?> want) {
      return live instanceof Map<?, ?> have
          && want.entrySet().stream().allMatch(e -> contains(have.get(e.getKey()), e.getValue()));
    }
    if (desired instanceof List<?> want) {
      if (!(live instanceof List<?> have) || have.size() != want.size()) {
        return false;
      }
      for (int i = 0; i < want.size(); i++) {
        if (!contains(have.get(i), want.get(i))) {
          return false;
        }
      }
      return true;
    }
    // Numbers compare by value: 30 read back as a long is the 30 that was applied as an int.
    if (desired instanceof Number want && live instanceof Number have) {
      return want.doubleValue() == have.doubleValue();
    }
    return Objects.equals(live, desired);
  }
}
