package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.desired.DesiredState;
import dev.chatbot.operator.desired.Ownership;
import dev.chatbot.operator.desired.PrometheusObjects;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceMonitor and PrometheusRule, applied untyped and only when the Prometheus Operator's CRDs
 * exist. CRD presence is cached for a minute so a cluster without them costs one lookup a minute.
 * Each reconcile reads the live object and writes only when it lacks what is desired (steady state
 * costs no write, a hand edit is still reverted); one no longer wanted is deleted, and remembered
 * as gone so later reconciles do not even read it.
 */
public class PrometheusObjectsApplier {

  private static final Logger log = LoggerFactory.getLogger(PrometheusObjectsApplier.class);
  private static final Duration CACHE = Duration.ofMinutes(1);
  private static final ResourceDefinitionContext SERVICE_MONITOR =
      context("ServiceMonitor", "servicemonitors");
  private static final ResourceDefinitionContext PROMETHEUS_RULE =
      context("PrometheusRule", "prometheusrules");

  private final Map<String, Instant> checkedAt = new ConcurrentHashMap<>();
  private final Map<String, Boolean> present = new ConcurrentHashMap<>();
  private final Set<String> knownAbsent = ConcurrentHashMap.newKeySet();
  private final Clock clock;

  public PrometheusObjectsApplier(Clock clock) {
    this.clock = clock;
  }

  public boolean serviceMonitorAvailable(KubernetesClient client) {
    return crdPresent(client, PrometheusObjects.SERVICE_MONITOR_CRD);
  }

  public boolean prometheusRuleAvailable(KubernetesClient client) {
    return crdPresent(client, PrometheusObjects.PROMETHEUS_RULE_CRD);
  }

  public void apply(ChatbotDeployment cr, DesiredState desired, KubernetesClient client) {
    ResourceNames names = ResourceNames.of(cr);
    if (desired.facts().serviceMonitorAvailable()) {
      converge(cr, SERVICE_MONITOR, names.serviceMonitor(), desired.serviceMonitor(), client);
    }
    if (desired.facts().prometheusRuleAvailable()) {
      converge(cr, PROMETHEUS_RULE, names.prometheusRule(), desired.prometheusRule(), client);
    }
  }

  private void converge(
      ChatbotDeployment cr,
      ResourceDefinitionContext type,
      String name,
      Optional<GenericKubernetesResource> wanted,
      KubernetesClient client) {
    String key = type.getKind() + "/" + cr.getMetadata().getUid();
    var resource =
        client
            .genericKubernetesResources(type)
            .inNamespace(cr.getMetadata().getNamespace())
            .withName(name);
    if (wanted.isEmpty()) {
      // Only this operator creates these, under this name: once gone, they stay gone.
      if (knownAbsent.add(key)) {
        GenericKubernetesResource live = resource.get();
        if (live != null && Ownership.ownedBy(live, cr)) {
          resource.delete();
          log.info(
              "deleted {} {}/{}: spec.monitoring no longer asks for it",
              type.getKind(),
              cr.getMetadata().getNamespace(),
              name);
        }
      }
      return;
    }
    knownAbsent.remove(key);
    GenericKubernetesResource desired = wanted.get();
    desired.getMetadata().setOwnerReferences(List.of(Ownership.controllerOf(cr)));
    GenericKubernetesResource live = resource.get();
    if (live != null && LiveObjects.contains(live, desired)) {
      return;
    }
    client.resource(desired).forceConflicts().fieldManager("chatbot-operator").serverSideApply();
    log.info(
        "applied {} {}/{}: {}",
        type.getKind(),
        cr.getMetadata().getNamespace(),
        name,
        live == null ? "absent" : "differs from desired");
  }

  private boolean crdPresent(KubernetesClient client, String crd) {
    Instant last = checkedAt.get(crd);
    if (last == null || Duration.between(last, clock.instant()).compareTo(CACHE) > 0) {
      boolean found;
      try {
        found = client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
      } catch (KubernetesClientException e) {
        found = false;
      }
      present.put(crd, found);
      checkedAt.put(crd, clock.instant());
    }
    return present.getOrDefault(crd, false);
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("monitoring.coreos.com")
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
