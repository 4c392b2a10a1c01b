package dev.chatbot.operator.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrimmedItemStoreTest {

  @Test
  void aCachedPodKeepsEverythingButItsManagedFields() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("chat-0")
            .withNamespace("team")
            .withResourceVersion("7")
            .addToLabels("app.kubernetes.io/instance", "chat")
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubelet")
                    .withOperation("Update")
                    .build())
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .endStatus()
            .build();
    TrimmedItemStore<Pod> store = new TrimmedItemStore<>();

    store.put(store.getKey(pod), pod);

    Pod cached = store.get("team/chat-0");
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", "chat");
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(cached.getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void onlyASingleInformerMayOwnAStore() {
    assertThat(TrimmedItemStore.oneInformerFor(Set.of())).isTrue();
    assertThat(TrimmedItemStore.oneInformerFor(Set.of("JOSDK_ALL_NAMESPACES"))).isTrue();
    assertThat(TrimmedItemStore.oneInformerFor(Set.of("team-a"))).isTrue();
    assertThat(TrimmedItemStore.oneInformerFor(Set.of("team-a", "team-b"))).isFalse();
  }
}
