package dev.chatbot.operator.chart;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every API call the operator makes, as "group/resource verb", read from the code: JOSDK informers
 * list+watch; server-side apply is authorized as create (object absent) and patch (present), so
 * owned kinds need both, status and the finalizer only patch; the rest are explicit fabric8 calls.
 * The chart must grant exactly these (no more: least privilege; no fewer: the end-to-end test runs
 * the operator under the chart's RBAC).
 */
final class OperatorPermissions {

  /** Per watched namespace (ClusterRole when watching all, else a Role in each). */
  static final Map<String, Set<String>> NAMESPACED =
      Map.ofEntries(
          // ChatbotDeploymentReconciler: informer; finalizer (Cleaner) by SSA; get on conflict.
          Map.entry("chatbot.dev/chatbotdeployments", Set.of("get", "list", "watch", "patch")),
          // ReconcileStep.patchIfChanged, updateErrorStatus: status by SSA.
          Map.entry("chatbot.dev/chatbotdeployments/status", Set.of("patch")),
          // Owner references with blockOwnerDeletion (OwnerReferencesPermissionEnforcement).
          Map.entry("chatbot.dev/chatbotdeployments/finalizers", Set.of("update")),
          // dependent/*DependentResource: informer + SSA; no reconcilePrecondition, never deleted.
          Map.entry("/serviceaccounts", Set.of("list", "watch", "create", "patch")),
          Map.entry("/services", Set.of("list", "watch", "create", "patch")),
          // + DeploymentDependentResource: drift outside managed fields is reverted by update.
          Map.entry("apps/deployments", Set.of("list", "watch", "create", "patch", "update")),
          // + ReferencedObjects: every ConfigMap as metadata (list, watch), referenced ones by
          // name.
          // + ConfigMapDependentResource: JOSDK updates ConfigMaps by PUT, not SSA.
          Map.entry("/configmaps", Set.of("get", "list", "watch", "create", "patch", "update")),
          // reconcilePrecondition false: deleted; Cleaner deletes PVCs (retentionPolicy Delete).
          Map.entry(
              "/persistentvolumeclaims", Set.of("list", "watch", "create", "patch", "delete")),
          Map.entry(
              "networking.k8s.io/networkpolicies",
              Set.of("list", "watch", "create", "patch", "delete")),
          Map.entry(
              "policy/poddisruptionbudgets", Set.of("list", "watch", "create", "patch", "delete")),
          // Revision informer (list, watch); RevisionStore: create, edit (get + patch), prune.
          Map.entry(
              "apps/controllerrevisions",
              Set.of("get", "list", "watch", "create", "patch", "delete")),
          // ReferencedObjects: metadata-only informer (list, watch), referenced ones by name (get).
          Map.entry("/secrets", Set.of("get", "list", "watch")),
          // ChatbotDeploymentReconciler: Pod informer (HealthAssessor).
          Map.entry("/pods", Set.of("list", "watch")),
          // EventRecorder.
          Map.entry("/events", Set.of("create")),
          // PrometheusObjectsApplier: get, SSA when it differs, delete when switched off.
          Map.entry(
              "monitoring.coreos.com/servicemonitors", Set.of("get", "create", "patch", "delete")),
          Map.entry(
              "monitoring.coreos.com/prometheusrules", Set.of("get", "create", "patch", "delete")));

  /** Cluster-wide in both modes: PrometheusObjectsApplier.crdPresent, by name. */
  static final Map<String, Set<String>> CLUSTER =
      Map.of("apiextensions.k8s.io/customresourcedefinitions", Set.of("get"));

  /**
   * In the release namespace: fabric8's LeaseLock (get, create, patch); JOSDK's
   * LeaderElectionManager checks create, update and get at start-up and refuses to start without.
   */
  static final Map<String, Set<String>> LEADER_ELECTION =
      Map.of("coordination.k8s.io/leases", Set.of("get", "create", "update", "patch"));

  private OperatorPermissions() {}

  /** The rules as "group/resource" -> verbs. */
  static Map<String, Set<String>> flatten(List<PolicyRule> rules) {
    Map<String, Set<String>> out = new java.util.TreeMap<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          out.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>()).addAll(rule.getVerbs());
        }
      }
    }
    return out;
  }

  static Map<String, Set<String>> merged(Map<String, Set<String>> a, Map<String, Set<String>> b) {
    Map<String, Set<String>> out = new java.util.TreeMap<>();
    a.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
    b.forEach((k, v) -> out.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
    return out;
  }
}
