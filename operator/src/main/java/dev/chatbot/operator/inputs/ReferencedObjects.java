package dev.chatbot.operator.inputs;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Secrets and ConfigMaps CRs reference, without a cache of every Secret in the cluster: two
 * metadata-only informers (see {@link MetadataOnlyClient}) notice any change and map it to the CRs
 * that reference the object, through an index of referenced names on the CR cache; the full object
 * is read by name only when a CR references it, and that read is kept until the informer shows a
 * newer resourceVersion. So a rotated key or ConfigMap rolls the pods within seconds, and an
 * unrelated Secret costs its name and resourceVersion in memory.
 */
public final class ReferencedObjects {

  /** The resources {@link MetadataOnlyClient} must ask metadata-only for. */
  public static final Set<String> PLURALS = Set.of("secrets", "configmaps");

  static final String INDEX = "chatbot.dev/referenced-objects";
  private static final String SECRET = "Secret";
  private static final String CONFIG_MAP = "ConfigMap";

  private final KubernetesClient client;
  private final InformerEventSource<GenericKubernetesResource, ChatbotDeployment> secrets;
  private final InformerEventSource<GenericKubernetesResource, ChatbotDeployment> configMaps;
  private final Map<String, HasMetadata> read = new ConcurrentHashMap<>();

  private ReferencedObjects(
      KubernetesClient client,
      InformerEventSource<GenericKubernetesResource, ChatbotDeployment> secrets,
      InformerEventSource<GenericKubernetesResource, ChatbotDeployment> configMaps) {
    this.client = client;
    this.secrets = secrets;
    this.configMaps = configMaps;
  }

  /**
   * Indexes the CR cache by referenced names and creates the two informers.
   *
   * @param metadataClient a {@link MetadataOnlyClient} for {@link #PLURALS}
   */
  public static ReferencedObjects watch(
      EventSourceContext<ChatbotDeployment> context, KubernetesClient metadataClient) {
    context.getPrimaryCache().addIndexer(INDEX, ReferencedObjects::indexKeys);
    return new ReferencedObjects(
        context.getClient(),
        informer(context, metadataClient, SECRET, "referenced-secrets"),
        informer(context, metadataClient, CONFIG_MAP, "referenced-configmaps"));
  }

  /** The namespaces the controller's informers follow (one entry when cluster-wide). */
  public static java.util.Set<String> watchedNamespaces(
      EventSourceContext<ChatbotDeployment> context) {
    return context.getControllerConfiguration().getInformerConfig().getNamespaces();
  }

  public List<EventSource<?, ChatbotDeployment>> eventSources() {
    return List.of(secrets, configMaps);
  }

  public Optional<Secret> secret(String namespace, String name) {
    return read(secrets, Secret.class, namespace, name);
  }

  public Optional<ConfigMap> configMap(String namespace, String name) {
    return read(configMaps, ConfigMap.class, namespace, name);
  }

  private <T extends HasMetadata> Optional<T> read(
      InformerEventSource<GenericKubernetesResource, ChatbotDeployment> metadata,
      Class<T> type,
      String namespace,
      String name) {
    String key = type.getSimpleName() + "/" + namespace + "/" + name;
    Optional<String> version =
        metadata
            .get(new ResourceID(name, namespace))
            .map(m -> m.getMetadata().getResourceVersion());
    if (version.isEmpty()) {
      read.remove(key);
      return Optional.empty();
    }
    HasMetadata kept = read.get(key);
    if (kept != null && version.get().equals(kept.getMetadata().getResourceVersion())) {
      return Optional.of(type.cast(kept));
    }
    T current = client.resources(type).inNamespace(namespace).withName(name).get();
    if (current == null) {
      read.remove(key);
      return Optional.empty();
    }
    read.put(key, current);
    return Optional.of(current);
  }

  static List<String> indexKeys(ChatbotDeployment cr) {
    String namespace = cr.getMetadata().getNamespace();
    return Stream.concat(
            ReferencedInputs.names(cr, SECRET).stream().map(n -> key(SECRET, namespace, n)),
            ReferencedInputs.names(cr, CONFIG_MAP).stream().map(n -> key(CONFIG_MAP, namespace, n)))
        .toList();
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "#" + namespace + "#" + name;
  }

  private static InformerEventSource<GenericKubernetesResource, ChatbotDeployment> informer(
      EventSourceContext<ChatbotDeployment> context,
      KubernetesClient metadataClient,
      String kind,
      String name) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(
                new GroupVersionKind("", "v1", kind), ChatbotDeployment.class)
            .withName(name)
            .withKubernetesClient(metadataClient)
            .withItemStore(
                TrimmedItemStore.oneInformerFor(watchedNamespaces(context))
                    ? new MetadataItemStore()
                    : null)
            .withSecondaryToPrimaryMapper(
                object ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            INDEX,
                            key(
                                kind,
                                object.getMetadata().getNamespace(),
                                object.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build(),
        context);
  }
}
