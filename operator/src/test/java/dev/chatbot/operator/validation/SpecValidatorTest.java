package dev.chatbot.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  static final String DIGEST =
      "sha256:3f0a8c3e9b1d4e7a6c5b2f8e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c";

  private final ManifestReader reader = new ManifestReader();
  private final SpecValidator validator = new SpecValidator();

  private List<Violation> validate(String spec) {
    ChatbotDeployment cr =
        reader.read(
            "apiVersion: chatbot.dev/v1alpha1\nkind: ChatbotDeployment\nmetadata: {name: t}\nspec:\n"
                + spec.indent(2));
    return validator.validate(cr);
  }

  @Test
  void acceptsScaledToZeroWithDefaultStorage() {
    assertThat(validate("image: {digest: " + DIGEST + "}\nreplicas: 0")).isEmpty();
  }

  @Test
  void acceptsResolveWithATagAndNoDigest() {
    assertThat(validate("image: {tag: '1.4.2', digestPolicy: Resolve}")).isEmpty();
  }

  @Test
  void acceptsRequestsEqualToLimitsInDifferentUnits() {
    assertThat(
            validate(
                "image: {digest: "
                    + DIGEST
                    + "}\nresources: {requests: {cpu: '1', memory: 1024Mi}, limits: {cpu: 1000m,"
                    + " memory: 1Gi}}"))
        .isEmpty();
  }

  @Test
  void refusesUppercaseHexDigestNamingTheField() {
    assertThat(validate("image: {digest: " + DIGEST.toUpperCase().replace("SHA", "sha") + "}"))
        .extracting(Violation::field)
        .containsExactly("spec.image.digest");
  }

  @Test
  void refusesGarbageQuantity() {
    assertThat(validate("image: {digest: " + DIGEST + "}\nresources: {limits: {memory: lots}}"))
        .singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("spec.resources.limits.memory"));
  }

  @Test
  void refusesPullSecretThatIsNotAnObjectName() {
    assertThat(validate("image: {digest: " + DIGEST + ", pullSecrets: [Reg_Cred]}"))
        .extracting(Violation::field)
        .containsExactly("spec.image.pullSecrets[0]");
  }

  @Test
  void refusesAModelUrlWithAPortOutOfRange() {
    assertThat(
            validate(
                "image: {digest: "
                    + DIGEST
                    + "}\nmodel: {provider: openai, baseUrl: 'http://llm:99999/v1'}"))
        .extracting(Violation::field)
        .containsExactly("spec.model.baseUrl");
  }

  @Test
  void refusesWhatTheCrdWouldRefuseByLengthAndCount() {
    String secrets = String.join(", ", java.util.Collections.nCopies(17, "regcred"));
    assertThat(
            validate(
                "image: {digest: "
                    + DIGEST
                    + ", pullSecrets: ["
                    + secrets
                    + "]}\nnetworkPolicy: {allowedNamespaces: [Team_A]}"))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "spec.image.pullSecrets", "spec.networkPolicy.allowedNamespaces[0]");
  }

  @Test
  void refusesResourceClaimsInsteadOfDroppingThem() {
    assertThat(validate("image: {digest: " + DIGEST + "}\nresources: {claims: [{name: gpu}]}"))
        .extracting(Violation::field)
        .containsExactly("spec.resources.claims");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThat(
            validate(
                "image: {digest: nope}\nreplicas: 2\nprobes: {periodSeconds: 2, timeoutSeconds: 5}"))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "spec.image.digest", "spec.replicas", "spec.probes.timeoutSeconds");
  }

  @Test
  void readerRefusesAnotherKindClearly() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> reader.read("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining(
            "expected apiVersion chatbot.dev/v1alpha1 and kind ChatbotDeployment");
  }
}
