package dev.chatbot.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import dev.chatbot.operator.api.v1alpha1.ModelProvider;
import dev.chatbot.operator.api.v1alpha1.ModelSpec;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevisionAnnotationTest {

  private static final String REVISION = "chatbot.dev/revision";

  @Test
  void isTheSameWhenTheSameInputIsRenderedTwice() {
    String first = revision(ollama("llama3.2"), facts("abc", TestCrs.DIGEST));

    String second = revision(ollama("llama3.2"), facts("abc", TestCrs.DIGEST));

    assertThat(second).isEqualTo(first).matches("[0-9a-f]{10}");
  }

  @Test
  void changesWhenAReferencedSecretIsRotated() {
    String before = revision(ollama("llama3.2"), facts("hash-of-old-key", TestCrs.DIGEST));

    String after = revision(ollama("llama3.2"), facts("hash-of-new-key", TestCrs.DIGEST));

    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void changesWhenTheDigestChanges() {
    String before = revision(ollama("llama3.2"), facts("", TestCrs.DIGEST));

    String after = revision(ollama("llama3.2"), facts("", TestCrs.OTHER_DIGEST));

    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void changesWhenAnAppSettingChanges() {
    String before = revision(ollama("llama3.2"), facts("", TestCrs.DIGEST));

    String after = revision(ollama("mistral"), facts("", TestCrs.DIGEST));

    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void changesWhenTheRetryAnnotationChanges() {
    ChatbotDeployment first = ollama("llama3.2");
    first.getMetadata().setAnnotations(Map.of(Labels.RETRY, "1"));
    ChatbotDeployment second = ollama("llama3.2");
    second.getMetadata().setAnnotations(Map.of(Labels.RETRY, "2"));
    ChatbotDeployment none = ollama("llama3.2");

    String one = revision(first, facts("", TestCrs.DIGEST));
    String two = revision(second, facts("", TestCrs.DIGEST));
    String without = revision(none, facts("", TestCrs.DIGEST));

    assertThat(one).isNotEqualTo(two).isNotEqualTo(without);
  }

  @Test
  void staysTheSameWhenOnlyTheReplicaCountChanges() {
    ChatbotDeployment scaled = ollama("llama3.2");
    scaled.getSpec().setReplicas(0);

    assertThat(revision(scaled, facts("", TestCrs.DIGEST)))
        .isEqualTo(revision(ollama("llama3.2"), facts("", TestCrs.DIGEST)));
  }

  @Test
  void isOnTheDeploymentAndItsPodTemplateAlike() {
    Deployment deployment =
        DesiredState.of(ollama("llama3.2"), facts("abc", TestCrs.DIGEST)).deployment();

    assertThat(deployment.getMetadata().getAnnotations().get(REVISION))
        .isNotBlank()
        .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(REVISION));
  }

  @Test
  void recordsTheInputsHashOnThePodTemplate() {
    Deployment deployment =
        DesiredState.of(ollama("llama3.2"), facts("abc", TestCrs.DIGEST)).deployment();

    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(Labels.INPUTS_HASH, "abc");
  }

  @Test
  void runsTheStoredRevisionAndItsSettingsDuringARollback() {
    RevisionSnapshot goodOld =
        DesiredState.of(ollama("llama3.2"), facts("", TestCrs.DIGEST)).specRevision();
    RenderFacts rollback = facts("", TestCrs.OTHER_DIGEST).withRollbackTo(goodOld);

    DesiredState state = DesiredState.of(ollama("mistral"), rollback);

    assertThat(state.deployment().getMetadata().getAnnotations().get(REVISION))
        .isEqualTo(goodOld.revision());
    assertThat(
            state.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .endsWith(TestCrs.DIGEST);
    assertThat(state.configMap().getData()).containsEntry("CHATBOT_MODEL_NAME", "llama3.2");
    assertThat(state.specRevision().revision()).isNotEqualTo(goodOld.revision());
  }

  private static String revision(ChatbotDeployment cr, RenderFacts facts) {
    return DesiredState.of(cr, facts)
        .deployment()
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(REVISION);
  }

  private static RenderFacts facts(String inputsHash, String digest) {
    return new RenderFacts(
        new ImageStatus(digest, null), inputsHash, Optional.empty(), false, false);
  }

  private static ChatbotDeployment ollama(String modelName) {
    return TestCrs.with(
        spec -> {
          ModelSpec model = new ModelSpec();
          model.setProvider(ModelProvider.OLLAMA);
          model.setBaseUrl("http://ollama.ai.svc:11434");
          model.setName(modelName);
          spec.setModel(model);
        });
  }
}
