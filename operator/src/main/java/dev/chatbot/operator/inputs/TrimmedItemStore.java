package dev.chatbot.operator.inputs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.Set;

/**
 * An informer store that drops managedFields before an object is cached, for the kinds the operator
 * only reads: its CRs, their pods and its ControllerRevisions. Each entry is a field tree that
 * fabric8 keeps as nested maps (kubelet, the controller-manager and kubectl each own one), a large
 * part of every cached pod and CR at 1000 CRs. Not for the objects the operator applies: JOSDK's
 * server-side-apply matcher reads the operator's own entry there.
 */
public final class TrimmedItemStore<R extends HasMetadata> extends BasicItemStore<R> {

  public TrimmedItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  /**
   * Whether a store may be given to the informers of these namespaces. JOSDK starts one informer
   * per watched namespace and hands them all the same store, and an informer's relist removes from
   * its store whatever its own list did not return: with two namespaces each relist would drop the
   * other's objects. Cluster-wide or one namespace is one informer.
   */
  public static boolean oneInformerFor(Set<String> namespaces) {
    return namespaces.size() <= 1;
  }

  @Override
  public R put(String key, R obj) {
    if (obj.getMetadata().getManagedFields() != null) {
      obj.getMetadata().setManagedFields(null);
    }
    return super.put(key, obj);
  }
}
