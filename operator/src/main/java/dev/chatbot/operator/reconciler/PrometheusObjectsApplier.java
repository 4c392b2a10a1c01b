package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.desired.DesiredState;
import dev.chatbot.operator.desired.PrometheusObjects;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ServiceMonitor and PrometheusRule, applied untyped and only when the Prometheus Operator's CRDs
 * exist. CRD presence is cached for a minute so a cluster without them costs one lookup a minute.
 */
public class PrometheusObjectsApplier {

  private static final Duration CACHE = Duration.ofMinutes(1);
  private final Map<String, Instant> checkedAt = new ConcurrentHashMap<>();
  private final Map<String, Boolean> present = new ConcurrentHashMap<>();
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
    apply(cr, desired.serviceMonitor(), client);
    apply(cr, desired.prometheusRule(), client);
  }

  private void apply(
      ChatbotDeployment cr, Optional<GenericKubernetesResource> object, KubernetesClient client) {
    object.ifPresent(
        o -> {
          o.getMetadata()
              .setOwnerReferences(
                  java.util.List.of(dev.chatbot.operator.desired.Ownership.controllerOf(cr)));
          client.resource(o).forceConflicts().fieldManager("chatbot-operator").serverSideApply();
        });
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
}
