package dev.chatbot.operator.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataOnlyClientTest {

  @Test
  void listsAndWatchesOfSecretsAndConfigMapsAskForMetadataOnly() {
    assertThat(
            MetadataOnlyClient.acceptFor(
                "GET",
                URI.create("https://k/api/v1/namespaces/a/secrets?resourceVersion=0"),
                ReferencedObjects.PLURALS))
        .isEqualTo(MetadataOnlyClient.LIST_ACCEPT);
    assertThat(
            MetadataOnlyClient.acceptFor(
                "GET",
                URI.create("https://k/api/v1/configmaps?allowWatchBookmarks=true&watch=true"),
                ReferencedObjects.PLURALS))
        .isEqualTo(MetadataOnlyClient.WATCH_ACCEPT);
  }

  @Test
  void otherRequestsAreLeftAlone() {
    assertThat(
            MetadataOnlyClient.acceptFor(
                "GET",
                URI.create("https://k/api/v1/namespaces/a/secrets/llm"),
                ReferencedObjects.PLURALS))
        .as("a GET by name reads the full object")
        .isNull();
    assertThat(
            MetadataOnlyClient.acceptFor(
                "GET",
                URI.create("https://k/api/v1/namespaces/a/pods?watch=true"),
                ReferencedObjects.PLURALS))
        .isNull();
    assertThat(
            MetadataOnlyClient.acceptFor(
                "GET", URI.create("https://k/api/v1"), ReferencedObjects.PLURALS))
        .as("discovery")
        .isNull();
  }

  @Test
  void theStoreKeepsNoDataEvenIfTheServerSentIt() {
    GenericKubernetesResource full = new GenericKubernetesResource();
    full.setApiVersion("v1");
    full.setKind("Secret");
    full.setMetadata(
        new ObjectMetaBuilder()
            .withName("llm")
            .withNamespace("a")
            .withResourceVersion("7")
            .withLabels(Map.of("team", "x"))
            .build());
    full.setAdditionalProperty("data", Map.of("api-key", "c2VjcmV0"));

    GenericKubernetesResource kept = MetadataItemStore.stripped(full);

    assertThat(kept.getAdditionalProperties()).isEmpty();
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(kept.getMetadata().getLabels()).isEmpty();
  }
}
