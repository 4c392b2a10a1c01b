package dev.chatbot.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.desired.RevisionSnapshot;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The revision memory comes from an informer, which may not have seen this process's last write
 * yet: the decision must see that write anyway (what the former fresh LIST per reconcile gave).
 * Here the informer's view is handed in by hand, as stale as it can be.
 */
@EnableKubernetesMockClient(crud = true)
class RevisionStoreStaleCacheTest {

  static KubernetesClient client;
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  ChatbotDeployment cr;
  RevisionStore store;

  @BeforeEach
  void setUp() {
    cr = TestCrs.minimal();
    cr.getMetadata().setName("chat");
    cr.getMetadata().setNamespace("ns-" + UUID.randomUUID().toString().substring(0, 8));
    cr.getMetadata().setUid(UUID.randomUUID().toString());
    store = new RevisionStore(client);
  }

  /** What a freshly synced informer would show now. */
  List<ControllerRevision> apiServer() {
    return client
        .apps()
        .controllerRevisions()
        .inNamespace(cr.getMetadata().getNamespace())
        .withLabel(Labels.INSTANCE, "chat")
        .list()
        .getItems();
  }

  static RevisionSnapshot snapshot(String revision) {
    return new RevisionSnapshot(
        revision, "sha256:" + "1".repeat(64), new PodTemplateSpec(), Map.of());
  }

  @Test
  void aRevisionThisProcessCreatedIsListedBeforeTheInformerHasIt() {
    store.save(cr, snapshot("a"), List.of());

    List<ControllerRevision> stored = store.list(cr, List.of());

    assertThat(stored).extracting(RevisionStore::revisionOf).containsExactly("a");
  }

  @Test
  void aFailureJustRecordedDecidesTheNextReconcileWhileTheInformerShowsTheOldObject() {
    store.save(cr, snapshot("good"), List.of());
    store.save(cr, snapshot("bad"), store.list(cr, List.of()));
    List<ControllerRevision> beforeTheFailure = apiServer();

    store.record(cr, List.of(RevisionMark.failed("bad", NOW, "CrashLoopBackOff")));
    RevisionMemory memory = RevisionStore.memoryOf(store.list(cr, beforeTheFailure));

    assertThat(memory.failedRevision()).contains("bad");
    assertThat(memory.find("bad").orElseThrow().failedReason()).contains("CrashLoopBackOff");
  }

  @Test
  void aPrunedRevisionIsNotListedWhileTheInformerStillHasIt() {
    store.save(cr, snapshot("old"), List.of());
    store.save(cr, snapshot("new"), store.list(cr, List.of()));
    List<ControllerRevision> beforeThePrune = apiServer();

    store.prune(store.list(cr, beforeThePrune), 1, List.of());

    assertThat(store.list(cr, beforeThePrune))
        .extracting(RevisionStore::revisionOf)
        .containsExactly("new");
  }

  @Test
  void onceTheInformerCaughtUpItsCopyIsUsedAgain() {
    store.save(cr, snapshot("a"), List.of());
    store.record(cr, List.of(RevisionMark.stabilized("a", NOW)));
    List<ControllerRevision> caughtUp = apiServer();

    assertThat(store.list(cr, caughtUp)).containsExactlyElementsOf(caughtUp);
    // A later change by someone else (a newer resourceVersion) now wins over what this process
    // wrote earlier.
    var edited =
        client
            .apps()
            .controllerRevisions()
            .inNamespace(cr.getMetadata().getNamespace())
            .withName(caughtUp.get(0).getMetadata().getName())
            .edit(
                r -> {
                  r.getMetadata().getAnnotations().put("note", "by hand");
                  return r;
                });
    assertThat(store.list(cr, List.of(edited)).get(0).getMetadata().getAnnotations())
        .containsEntry("note", "by hand");
  }
}
