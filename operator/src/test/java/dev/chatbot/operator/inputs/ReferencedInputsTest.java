package dev.chatbot.operator.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.AuthSpec;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.api.v1alpha1.LocalObjectRef;
import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferencedInputsTest {

  private static final ChatbotDeploymentSpec WITH_AUTH =
      TestCrs.with(
              spec -> {
                AuthSpec auth = new AuthSpec();
                auth.setSecretRef(new LocalObjectRef("chat-users"));
                spec.setAuth(auth);
              })
          .getSpec();

  private static ReferencedInputs.Resolution resolve(Map<String, String> data) {
    Secret secret =
        new SecretBuilder().withNewMetadata().withName("chat-users").endMetadata().build();
    secret.setStringData(data);
    return ReferencedInputs.resolve(
        WITH_AUTH,
        name -> name.equals("chat-users") ? Optional.of(secret) : Optional.empty(),
        name -> Optional.empty());
  }

  @Test
  void apiKeysAreOptionalButAddingOrRotatingThemChangesTheHash() {
    var usersOnly = resolve(Map.of("users", "alice:{noop}pw"));
    var withKeys =
        resolve(Map.of("users", "alice:{noop}pw", "api-keys", "bot:sk-0123456789abcdef"));
    var rotated = resolve(Map.of("users", "alice:{noop}pw", "api-keys", "bot:sk-fedcba9876543210"));

    assertThat(usersOnly.missing()).isEmpty();
    assertThat(withKeys.missing()).isEmpty();
    assertThat(withKeys.hash()).isNotEqualTo(usersOnly.hash()).isNotEqualTo(rotated.hash());
  }

  @Test
  void theUsersKeyIsStillRequired() {
    var resolution = resolve(Map.of("api-keys", "bot:sk-0123456789abcdef"));

    assertThat(resolution.missing())
        .containsExactly("Secret chat-users (key users) referenced by spec.auth.secretRef");
  }
}
