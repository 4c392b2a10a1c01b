package dev.chatbot.operator.testing;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chart rendered by real Helm (helm-java, in-process), as the objects it would apply. */
public final class ChartRender {

  public static final Path CHART = RepoFiles.resolve("charts/chatbot-operator");
  public static final String RELEASE = "chatbot-operator";
  public static final String NAMESPACE = "chatbot-system";

  /** The version the real control plane of the end-to-end tests runs. */
  public static final String KUBE_VERSION = "1.37.2";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Map<String, Object> values = new LinkedHashMap<>();
  private String namespace = NAMESPACE;

  public static ChartRender defaults() {
    return new ChartRender();
  }

  public ChartRender set(String key, Object value) {
    values.put(key, value);
    return this;
  }

  public ChartRender inNamespace(String value) {
    namespace = value;
    return this;
  }

  /** The rendered YAML, CRDs included, as `helm template` prints it. */
  public String yaml() {
    TemplateCommand template =
        new Helm(CHART)
            .template()
            .withName(RELEASE)
            .withNamespace(namespace)
            .withKubeVersion(KUBE_VERSION);
    values.forEach(template::set);
    return template.call();
  }

  public List<GenericKubernetesResource> objects() {
    return parse(yaml());
  }

  public static List<GenericKubernetesResource> parse(String yaml) {
    return Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(l -> l.startsWith("kind:")))
        .map(doc -> SERIALIZATION.unmarshal(doc, GenericKubernetesResource.class))
        .toList();
  }

  public static <T extends HasMetadata> T as(GenericKubernetesResource object, Class<T> type) {
    return SERIALIZATION.convertValue(object, type);
  }
}
