package dev.chatbot.operator.e2e;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** ChatbotDeployments of one test namespace, applied and read as a user would with kubectl. */
final class NamespaceCrs {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private final KubernetesClient admin;
  private final String ns;

  NamespaceCrs(KubernetesClient admin, String ns) {
    this.admin = admin;
    this.ns = ns;
  }

  /** `kubectl apply --server-side` of a CR with this digest, a short window, and more spec. */
  void apply(String name, String digest, String moreSpec) {
    String yaml =
        "apiVersion: chatbot.dev/v1alpha1\nkind: ChatbotDeployment\nmetadata: {name: "
            + name
            + ", namespace: "
            + ns
            + "}\nspec:\n  image: {digest: \""
            + digest
            + "\"}\n"
            + moreSpec;
    applyYaml(yaml);
  }

  /** `kubectl apply --server-side` of a CR given as YAML, into this namespace, short window. */
  void applyYaml(String yaml) {
    GenericKubernetesResource cr = YAML.unmarshal(yaml, GenericKubernetesResource.class);
    cr.getMetadata().setNamespace(ns);
    OperatorUnderTest.withShortWindow(cr);
    admin
        .genericKubernetesResources("chatbot.dev/v1alpha1", "ChatbotDeployment")
        .inNamespace(ns)
        .resource(cr)
        .fieldManager("kubectl")
        .forceConflicts()
        .serverSideApply();
  }

  /** A Secret a CR may reference, as `kubectl create secret generic` makes it. */
  void createSecret(String name, String key, String value) {
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withStringData(Map.of(key, value))
                .build())
        .create();
  }

  /** A ConfigMap a CR may reference. */
  void createConfigMap(String name, String key, String value) {
    admin
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withData(Map.of(key, value))
                .build())
        .create();
  }

  void apply(String name, String digest) {
    apply(name, digest, "");
  }

  ChatbotDeployment get(String name) {
    return admin.resources(ChatbotDeployment.class).inNamespace(ns).withName(name).get();
  }

  ChatbotDeployment await(String name, Duration timeout, Predicate<ChatbotDeployment> until) {
    return org.awaitility.Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> get(name), cr -> cr != null && cr.getStatus() != null && until.test(cr));
  }

  /** The image the Deployment's pod template runs. */
  String image(String name) {
    return admin
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(name)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }
}
