package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.AppContract;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.MonitoringSpec;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus Operator objects, built untyped so the operator does not depend on its CRDs: they are
 * created only when the CR asks for them and the CRDs exist in the cluster.
 */
public final class PrometheusObjects {

  public static final String API_VERSION = "monitoring.coreos.com/v1";
  public static final String SERVICE_MONITOR_CRD = "servicemonitors.monitoring.coreos.com";
  public static final String PROMETHEUS_RULE_CRD = "prometheusrules.monitoring.coreos.com";

  private PrometheusObjects() {}

  public static boolean serviceMonitorWanted(ChatbotDeployment cr) {
    MonitoringSpec m = cr.getSpec().getMonitoring();
    return m != null && Boolean.TRUE.equals(m.getServiceMonitor());
  }

  public static boolean prometheusRuleWanted(ChatbotDeployment cr) {
    MonitoringSpec m = cr.getSpec().getMonitoring();
    return m != null && Boolean.TRUE.equals(m.getPrometheusRule());
  }

  public static Optional<GenericKubernetesResource> serviceMonitor(
      ChatbotDeployment cr, RenderFacts facts) {
    if (!serviceMonitorWanted(cr) || !facts.serviceMonitorAvailable()) {
      return Optional.empty();
    }
    return Optional.of(
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind("ServiceMonitor")
            .withMetadata(ChildMetadata.of(cr, ResourceNames.of(cr).serviceMonitor()))
            .addToAdditionalProperties(
                "spec",
                Map.of(
                    "selector", Map.of("matchLabels", Labels.selector(cr)),
                    "endpoints",
                        List.of(
                            Map.of(
                                "port",
                                "http",
                                "path",
                                AppContract.METRICS_PATH,
                                "interval",
                                "30s"))))
            .build());
  }

  public static Optional<GenericKubernetesResource> prometheusRule(
      ChatbotDeployment cr, RenderFacts facts) {
    if (!prometheusRuleWanted(cr) || !facts.prometheusRuleAvailable()) {
      return Optional.empty();
    }
    String selector =
        "namespace=\""
            + cr.getMetadata().getNamespace()
            + "\",pod=~\""
            + cr.getMetadata().getName()
            + "-.*\"";
    Map<String, Object> group =
        Map.of(
            "name",
            "chatbot-" + cr.getMetadata().getName(),
            "rules",
            List.of(
                alert(
                    "ChatbotModelErrors",
                    "sum(rate(chatbot_model_errors_total{" + selector + "}[5m])) > 0.1",
                    "The chat app's model calls fail"),
                alert(
                    "ChatbotNotReady",
                    "sum(kube_pod_status_ready{condition=\"true\"," + selector + "}) < 1",
                    "No chat pod is ready")));
    return Optional.of(
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind("PrometheusRule")
            .withMetadata(ChildMetadata.of(cr, ResourceNames.of(cr).prometheusRule()))
            .addToAdditionalProperties("spec", Map.of("groups", List.of(group)))
            .build());
  }

  private static Map<String, Object> alert(String name, String expr, String summary) {
    return Map.of(
        "alert",
        name,
        "expr",
        expr,
        "for",
        "10m",
        "labels",
        Map.of("severity", "warning"),
        "annotations",
        Map.of("summary", summary));
  }
}
