package dev.chatbot.operator.rollout;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.desired.RevisionSnapshot;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Revisions kept as ControllerRevisions owned by the CR (deleted with it), so a rollback target
 * survives operator restarts and is visible with `kubectl get controllerrevisions`.
 */
public class RevisionStore {

  static final String REVISION_LABEL = "chatbot.dev/revision";
  static final String SUCCEEDED_AT = "chatbot.dev/succeeded-at";
  static final String FAILED_REASON = "chatbot.dev/failed-reason";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final KubernetesClient client;

  public RevisionStore(KubernetesClient client) {
    this.client = client;
  }

  /** Stored revisions of this CR, newest first. */
  public List<ControllerRevision> list(ChatbotDeployment cr) {
    return client
        .apps()
        .controllerRevisions()
        .inNamespace(cr.getMetadata().getNamespace())
        .withLabel(Labels.INSTANCE, cr.getMetadata().getName())
        .withLabel(Labels.MANAGED_BY, Labels.OPERATOR)
        .list()
        .getItems()
        .stream()
        .sorted(
            Comparator.comparing(
                    (ControllerRevision r) -> r.getRevision() == null ? 0L : r.getRevision())
                .reversed())
        .toList();
  }

  public static String revisionOf(ControllerRevision stored) {
    return stored.getMetadata().getLabels().get(REVISION_LABEL);
  }

  /** When this revision last became available, if ever (RFC 3339). */
  public static Optional<String> succeededAt(ControllerRevision stored) {
    return Optional.ofNullable(stored.getMetadata().getAnnotations()).map(a -> a.get(SUCCEEDED_AT));
  }

  /** Why this revision's rollout failed, if it did. */
  public static Optional<String> failedReason(ControllerRevision stored) {
    return Optional.ofNullable(stored.getMetadata().getAnnotations())
        .map(a -> a.get(FAILED_REASON));
  }

  /**
   * Records an outcome on the stored revision itself. Read back with a fresh LIST on every
   * reconcile, it is the memory that a stale cache or a restarted operator cannot lose.
   */
  public void markSucceeded(ControllerRevision stored, String at) {
    if (succeededAt(stored).isEmpty() || failedReason(stored).isPresent()) {
      annotate(stored, SUCCEEDED_AT, at, FAILED_REASON);
    }
  }

  public void markFailed(ControllerRevision stored, String reason) {
    if (failedReason(stored).isEmpty()) {
      annotate(stored, FAILED_REASON, reason, null);
    }
  }

  private void annotate(ControllerRevision stored, String key, String value, String remove) {
    client
        .apps()
        .controllerRevisions()
        .inNamespace(stored.getMetadata().getNamespace())
        .withName(stored.getMetadata().getName())
        .edit(
            r -> {
              Map<String, String> annotations =
                  r.getMetadata().getAnnotations() == null
                      ? new LinkedHashMap<>()
                      : new LinkedHashMap<>(r.getMetadata().getAnnotations());
              annotations.put(key, value);
              if (remove != null) {
                annotations.remove(remove);
              }
              r.getMetadata().setAnnotations(annotations);
              return r;
            });
  }

  /** Stores a revision unless it is already stored. */
  public void save(
      ChatbotDeployment cr, RevisionSnapshot snapshot, List<ControllerRevision> existing) {
    if (existing.stream().anyMatch(r -> snapshot.revision().equals(revisionOf(r)))) {
      return;
    }
    long next =
        existing.stream()
                .mapToLong(r -> r.getRevision() == null ? 0 : r.getRevision())
                .max()
                .orElse(0)
            + 1;
    Map<String, String> labels = new LinkedHashMap<>(Labels.common(cr));
    labels.put(REVISION_LABEL, snapshot.revision());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("digest", snapshot.digest());
    data.put("settings", snapshot.settings());
    data.put("template", snapshot.template());
    ControllerRevision revision =
        new ControllerRevisionBuilder()
            .withNewMetadata()
            .withName(ResourceNames.of(cr).controllerRevision(snapshot.revision()))
            .withNamespace(cr.getMetadata().getNamespace())
            .withLabels(labels)
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(cr.getApiVersion())
                    .withKind(cr.getKind())
                    .withName(cr.getMetadata().getName())
                    .withUid(cr.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(false)
                    .build())
            .endMetadata()
            .withRevision(next)
            .withData(JSON.convertValue(data, Object.class))
            .build();
    try {
      client
          .apps()
          .controllerRevisions()
          .inNamespace(cr.getMetadata().getNamespace())
          .resource(revision)
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  @SuppressWarnings("unchecked")
  public Optional<RevisionSnapshot> load(List<ControllerRevision> stored, String revision) {
    return stored.stream()
        .filter(r -> revision.equals(revisionOf(r)))
        .findFirst()
        .map(
            r -> {
              Map<String, Object> data = JSON.convertValue(r.getData(), Map.class);
              return new RevisionSnapshot(
                  revision,
                  (String) data.get("digest"),
                  JSON.convertValue(data.get("template"), PodTemplateSpec.class),
                  (Map<String, String>) data.get("settings"));
            });
  }

  /** Deletes the oldest revisions beyond the limit, never one that is still needed. */
  public void prune(List<ControllerRevision> newestFirst, int limit, List<String> keep) {
    int kept = 0;
    for (ControllerRevision r : newestFirst) {
      if (kept < limit || keep.contains(revisionOf(r))) {
        kept++;
        continue;
      }
      client.resource(r).delete();
    }
  }
}
