package dev.chatbot.operator.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures are a Deployment, claim and Service as a real API server returned them after the
 * operator applied the minimal sample (its Apply entry beside kube-controller-manager's and
 * kwok's), and the Deployment the operator rendered for it, zero values omitted as {@code
 * OmittedZeroValues} hands it to the matcher.
 */
class CompactFieldsV1Test {

  private static final KubernetesSerialization COMPACT = CompactFieldsV1.serialization();
  private static final KubernetesSerialization PLAIN = new KubernetesSerialization();
  private static final String FIELD_MANAGER = "chatbotdeployment";

  @ParameterizedTest
  @ValueSource(strings = {"deployment-minimal", "pvc-minimal-uploads", "service-minimal"})
  void anObjectReadCompactlyIsWrittenBackAsTheServerSentIt(String fixture) throws IOException {
    Class<? extends HasMetadata> type =
        switch (fixture) {
          case "deployment-minimal" -> Deployment.class;
          case "pvc-minimal-uploads" -> PersistentVolumeClaim.class;
          default -> Service.class;
        };
    String json = fixture(fixture);

    HasMetadata read = COMPACT.unmarshal(json, type);

    ObjectMapper mapper = new ObjectMapper();
    JsonNode written = mapper.readTree(COMPACT.asJson(read));
    assertThat(written.get("metadata").get("managedFields"))
        .isEqualTo(mapper.readTree(json).get("metadata").get("managedFields"));
    assertThat(read.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties())
        .isInstanceOf(FieldSet.class);
  }

  @Test
  void theServerSideApplyMatcherDecidesAsWithFabric8sOwnTrees() {
    for (KubernetesSerialization serialization : new KubernetesSerialization[] {PLAIN, COMPACT}) {
      Deployment actual = serialization.unmarshal(fixture("deployment-minimal"), Deployment.class);
      Deployment desired =
          serialization.unmarshal(fixture("deployment-minimal-desired"), Deployment.class);
      Deployment newImage =
          new DeploymentBuilder(desired)
              .editSpec()
              .editTemplate()
              .editSpec()
              .editFirstContainer()
              .withImage("registry.example/chatbot-app@sha256:" + "0".repeat(64))
              .endContainer()
              .endSpec()
              .endTemplate()
              .endSpec()
              .build();
      Context<?> context = context(serialization);

      assertThat(matcher().matches(actual, desired, context))
          .as("the rendered Deployment matches the live one")
          .isTrue();
      assertThat(matcher().matches(actual, newImage, context))
          .as("a new image does not match")
          .isFalse();
    }
  }

  @Test
  void aFieldSetKeepsTheServersOrderAndLooksUpKeys() {
    Deployment actual = COMPACT.unmarshal(fixture("deployment-minimal"), Deployment.class);
    Deployment plain = PLAIN.unmarshal(fixture("deployment-minimal"), Deployment.class);

    var compactTree = actual.getMetadata().getManagedFields().get(0).getFieldsV1();
    var plainTree = plain.getMetadata().getManagedFields().get(0).getFieldsV1();

    assertThat(compactTree.getAdditionalProperties())
        .isEqualTo(plainTree.getAdditionalProperties());
    assertThat(compactTree.getAdditionalProperties().keySet())
        .containsExactlyElementsOf(plainTree.getAdditionalProperties().keySet());
    assertThat(compactTree.getAdditionalProperties()).containsKey("f:spec");
    assertThat(compactTree.getAdditionalProperties().get("f:nothing")).isNull();
  }

  private static SSABasedGenericKubernetesResourceMatcher<Deployment> matcher() {
    return SSABasedGenericKubernetesResourceMatcher.getInstance();
  }

  /** The two things the matcher asks its context for: the field manager and the serialization. */
  private static Context<?> context(KubernetesSerialization serialization) {
    KubernetesClient client =
        proxy(
            KubernetesClient.class,
            method -> method.equals("getKubernetesSerialization") ? serialization : null);
    ControllerConfiguration<?> configuration =
        proxy(
            ControllerConfiguration.class,
            method -> method.equals("fieldManager") ? FIELD_MANAGER : null);
    return proxy(
        Context.class,
        method ->
            switch (method) {
              case "getClient" -> client;
              case "getControllerConfiguration" -> configuration;
              default -> null;
            });
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<?> type, java.util.function.Function<String, Object> answers) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> answers.apply(method.getName()));
  }

  private static String fixture(String name) {
    try (InputStream in =
        CompactFieldsV1Test.class.getResourceAsStream("/managed-fields/" + name + ".json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
