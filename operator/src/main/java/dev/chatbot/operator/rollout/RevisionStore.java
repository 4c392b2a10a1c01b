package dev.chatbot.operator.rollout;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.desired.Ownership;
import dev.chatbot.operator.desired.RevisionSnapshot;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revisions kept as ControllerRevisions owned by the CR (deleted with it), so a rollback target and
 * what became of each revision survive operator restarts and show in `kubectl get
 * controllerrevisions`. Only revisions owned by the CR's UID count: a CR re-created under the same
 * name starts with an empty memory.
 */
public class RevisionStore {

  static final String REVISION_LABEL = "chatbot.dev/revision";
  static final String DEPLOYED_AT = "chatbot.dev/deployed-at";
  static final String AVAILABLE_SINCE = "chatbot.dev/available-since";
  static final String STABILIZED_AT = "chatbot.dev/stabilized-at";
  static final String FAILED_AT = "chatbot.dev/failed-at";
  static final String FAILED_REASON = "chatbot.dev/failed-reason";

  /** Written by operator versions before stabilization windows; read as stabilized-at. */
  static final String LEGACY_SUCCEEDED_AT = "chatbot.dev/succeeded-at";

  private static final Logger log = LoggerFactory.getLogger(RevisionStore.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final KubernetesClient client;
  private final WrittenRevisions written = new WrittenRevisions();

  public RevisionStore(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Stored revisions of this CR (by owner UID), newest first: the informer's copy ({@code cached},
   * the CR's namespace) with this process's own writes laid over it, so nothing this process
   * recorded is ever missing from the next decision.
   */
  public List<ControllerRevision> list(ChatbotDeployment cr, List<ControllerRevision> cached) {
    return written.over(cr.getMetadata().getNamespace(), cached).stream()
        .filter(r -> r.getMetadata().getLabels() != null)
        .filter(
            r ->
                cr.getMetadata().getName().equals(r.getMetadata().getLabels().get(Labels.INSTANCE)))
        .filter(r -> Ownership.ownedBy(r, cr))
        .sorted(Comparator.comparing(RevisionStore::number).reversed())
        .toList();
  }

  public static String revisionOf(ControllerRevision stored) {
    return stored.getMetadata().getLabels().get(REVISION_LABEL);
  }

  /** What the stored revisions say, for the decision. */
  public static RevisionMemory memoryOf(List<ControllerRevision> stored) {
    return new RevisionMemory(stored.stream().map(RevisionStore::read).toList());
  }

  static StoredRevision read(ControllerRevision r) {
    Map<String, String> a =
        r.getMetadata().getAnnotations() == null ? Map.of() : r.getMetadata().getAnnotations();
    Optional<String> failedReason = Optional.ofNullable(a.get(FAILED_REASON));
    return new StoredRevision(
        revisionOf(r),
        number(r),
        time(a.get(DEPLOYED_AT)),
        time(a.get(AVAILABLE_SINCE)),
        time(a.get(STABILIZED_AT)).or(() -> time(a.get(LEGACY_SUCCEEDED_AT))),
        // Older versions wrote only the reason: such a failure is older than anything else.
        time(a.get(FAILED_AT)).or(() -> failedReason.map(reason -> Instant.EPOCH)),
        failedReason);
  }

  /**
   * Writes the decision's marks onto the stored revisions, one patch per revision. This happens
   * before the Deployment changes: a failure is durable before the rollback that follows from it.
   */
  public void record(ChatbotDeployment cr, List<RevisionMark> marks) {
    Map<String, List<RevisionMark>> byRevision =
        marks.stream()
            .collect(
                Collectors.groupingBy(
                    RevisionMark::revision, LinkedHashMap::new, Collectors.toList()));
    byRevision.forEach(
        (revision, its) -> {
          var resource =
              client
                  .apps()
                  .controllerRevisions()
                  .inNamespace(cr.getMetadata().getNamespace())
                  .withName(ResourceNames.of(cr).controllerRevision(revision));
          ControllerRevision current = resource.get();
          if (current == null || !Ownership.ownedBy(current, cr)) {
            log.debug("revision {} is not stored for {}; nothing recorded", revision, cr);
            return;
          }
          ControllerRevision answer =
              resource.edit(
                  r -> {
                    Map<String, String> annotations =
                        r.getMetadata().getAnnotations() == null
                            ? new LinkedHashMap<>()
                            : new LinkedHashMap<>(r.getMetadata().getAnnotations());
                    its.forEach(mark -> write(annotations, mark));
                    r.getMetadata().setAnnotations(annotations);
                    return r;
                  });
          written.wrote(answer);
        });
  }

  private static void write(Map<String, String> annotations, RevisionMark mark) {
    String at = mark.at().truncatedTo(ChronoUnit.MILLIS).toString();
    switch (mark.kind()) {
      case DEPLOYED -> annotations.put(DEPLOYED_AT, at);
      case AVAILABLE -> annotations.put(AVAILABLE_SINCE, at);
      case UNAVAILABLE -> annotations.remove(AVAILABLE_SINCE);
      case STABILIZED -> annotations.put(STABILIZED_AT, at);
      case FAILED -> {
        annotations.put(FAILED_AT, at);
        annotations.put(FAILED_REASON, mark.reason());
      }
    }
  }

  /**
   * Stores a revision unless this CR already has it. A ControllerRevision of the same name owned by
   * another UID is left over from a deleted CR of the same name (the garbage collector has not
   * removed it yet): it is replaced, so nothing of the old CR's memory carries over.
   */
  public void save(
      ChatbotDeployment cr, RevisionSnapshot snapshot, List<ControllerRevision> existing) {
    if (existing.stream().anyMatch(r -> snapshot.revision().equals(revisionOf(r)))) {
      return;
    }
    long next = existing.stream().mapToLong(RevisionStore::number).max().orElse(0) + 1;
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
            .withOwnerReferences(Ownership.controllerOf(cr))
            .endMetadata()
            .withRevision(next)
            .withData(JSON.convertValue(data, Object.class))
            .build();
    var resource = client.apps().controllerRevisions().inNamespace(cr.getMetadata().getNamespace());
    try {
      written.wrote(resource.resource(revision).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      ControllerRevision found = resource.withName(revision.getMetadata().getName()).get();
      if (found != null && !Ownership.ownedBy(found, cr)) {
        log.info(
            "replacing ControllerRevision {} left over from an earlier CR of the same name",
            found.getMetadata().getName());
        resource.withName(found.getMetadata().getName()).delete();
        written.wrote(resource.resource(revision).create());
      } else if (found != null) {
        written.wrote(found); // stored by an earlier process; the informer has not shown it yet
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
      written.deleted(r);
    }
  }

  private static long number(ControllerRevision r) {
    return r.getRevision() == null ? 0L : r.getRevision();
  }

  private static Optional<Instant> time(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
