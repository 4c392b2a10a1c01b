package dev.chatbot.operator.inputs;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * A client whose LIST and WATCH of the given resources ask the API server for metadata only
 * (server-side conversion to {@code meta.k8s.io/v1} PartialObjectMetadata, as client-go's metadata
 * informers do): names and resourceVersions reach the operator, Secret and ConfigMap data never
 * does. fabric8 7 has no metadata client, so the Accept header is set per request; every other
 * request of this client (discovery, a GET by name) is left as it is.
 */
public final class MetadataOnlyClient {

  static final String LIST_ACCEPT =
      "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
  static final String WATCH_ACCEPT = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

  private MetadataOnlyClient() {}

  /** A new client with the same configuration and credentials; the caller closes it. */
  public static KubernetesClient derivedFrom(KubernetesClient client, Set<String> plurals) {
    // An empty PartialObjectMetadataList has "items": null (Go's nil slice), which fabric8's
    // informer cannot list: read null lists as empty.
    ObjectMapper mapper = new ObjectMapper();
    mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    mapper.registerModule(CompactFieldsV1.module());
    return new KubernetesClientBuilder()
        .withConfig(client.getConfiguration())
        .withKubernetesSerialization(new KubernetesSerialization(mapper, true))
        .withHttpClientBuilderConsumer(
            b -> b.addOrReplaceInterceptor("metadata-only", new AcceptMetadata(plurals)))
        .build();
  }

  /** The Accept header a request needs, or null to leave it alone. */
  static String acceptFor(String method, URI uri, Set<String> plurals) {
    if (!"GET".equals(method)) {
      return null;
    }
    String path = uri.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (!plurals.contains(last)) {
      return null;
    }
    String query = uri.getRawQuery();
    boolean watch = query != null && (query.contains("watch=true") || query.contains("watch=1"));
    return watch ? WATCH_ACCEPT : LIST_ACCEPT;
  }

  private record AcceptMetadata(Set<String> plurals) implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      String accept = acceptFor(request.method(), request.uri(), plurals);
      if (accept != null) {
        builder.setHeader("Accept", accept);
      }
    }
  }
}
