package dev.chatbot.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chatbot.operator.testing.CrdSchema;
import dev.chatbot.operator.testing.RepoFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `kubectl get cbd` and `kubectl explain` show users, read from the committed CRD. */
class CrdStructureTest {

  @SuppressWarnings("unchecked")
  private final Map<String, Object> crd = read();

  @SuppressWarnings("unchecked")
  private Map<String, Object> version() {
    return ((List<Map<String, Object>>) spec().get("versions")).get(0);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> spec() {
    return (Map<String, Object>) crd.get("spec");
  }

  @Test
  @SuppressWarnings("unchecked")
  void namesAreThoseOfTheContract() {
    Map<String, Object> names = (Map<String, Object>) spec().get("names");
    assertThat(spec().get("group")).isEqualTo("chatbot.dev");
    assertThat(spec().get("scope")).isEqualTo("Namespaced");
    assertThat(names.get("kind")).isEqualTo("ChatbotDeployment");
    assertThat(names.get("plural")).isEqualTo("chatbotdeployments");
    assertThat((List<String>) names.get("shortNames")).containsExactly("cbd");
    assertThat(version().get("name")).isEqualTo("v1alpha1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void printerColumnsShowPhaseReadyDigestRevisionAgeInThatOrder() {
    List<Map<String, Object>> columns =
        (List<Map<String, Object>>) version().get("additionalPrinterColumns");
    assertThat(columns)
        .extracting(c -> c.get("name"))
        .containsExactly("Phase", "Ready", "Digest", "Revision", "Age");
  }

  @Test
  @SuppressWarnings("unchecked")
  void statusIsASubresourceSoUsersCannotOverwriteItWithApply() {
    Map<String, Object> subresources = (Map<String, Object>) version().get("subresources");
    assertThat(subresources).containsKey("status");
  }

  @Test
  void everyCelRuleHasAHumanMessage() {
    List<String> messages = CrdSchema.committed().celMessages();
    assertThat(messages).hasSizeGreaterThanOrEqualTo(10);
    assertThat(messages).allSatisfy(m -> assertThat(m).isNotBlank().doesNotContain("self."));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read() {
    try {
      return new ObjectMapper(new YAMLFactory())
          .readValue(
              RepoFiles.resolve("crds/chatbotdeployments.chatbot.dev-v1.yml").toFile(), Map.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
