package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Prometheus Operator integration; each object is created only when its CRD is installed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {

  @Default("false")
  @JsonPropertyDescription("Create a ServiceMonitor scraping /actuator/prometheus (default false).")
  private Boolean serviceMonitor = false;

  @Default("false")
  @JsonPropertyDescription("Create a PrometheusRule with the chat app's alerts (default false).")
  private Boolean prometheusRule = false;

  public Boolean getServiceMonitor() {
    return serviceMonitor;
  }

  public void setServiceMonitor(Boolean serviceMonitor) {
    this.serviceMonitor = serviceMonitor;
  }

  public Boolean getPrometheusRule() {
    return prometheusRule;
  }

  public void setPrometheusRule(Boolean prometheusRule) {
    this.prometheusRule = prometheusRule;
  }
}
