package dev.chatbot.operator.inputs;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer store that keeps only what a metadata informer needs (name, namespace, uid,
 * resourceVersion): managedFields and labels of thousands of unrelated objects are not kept, and a
 * server that ignored the metadata-only Accept header still leaves no data in memory.
 */
final class MetadataItemStore extends BasicItemStore<GenericKubernetesResource> {

  MetadataItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public GenericKubernetesResource put(String key, GenericKubernetesResource full) {
    return super.put(key, stripped(full));
  }

  static GenericKubernetesResource stripped(GenericKubernetesResource full) {
    var meta = full.getMetadata();
    GenericKubernetesResource kept = new GenericKubernetesResource();
    kept.setApiVersion(full.getApiVersion());
    kept.setKind(full.getKind());
    kept.setMetadata(
        new ObjectMetaBuilder()
            .withName(meta.getName())
            .withNamespace(meta.getNamespace())
            .withUid(meta.getUid())
            .withResourceVersion(meta.getResourceVersion())
            .build());
    return kept;
  }
}
