package dev.chatbot.operator.naming;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;

/** Names of the objects the operator owns for one ChatbotDeployment. */
public final class ResourceNames {

  private final String name;

  private ResourceNames(String name) {
    this.name = name;
  }

  public static ResourceNames of(ChatbotDeployment cr) {
    return new ResourceNames(cr.getMetadata().getName());
  }

  public String deployment() {
    return name;
  }

  public String service() {
    return name;
  }

  public String serviceAccount() {
    return name;
  }

  public String networkPolicy() {
    return name;
  }

  public String podDisruptionBudget() {
    return name;
  }

  public String serviceMonitor() {
    return name;
  }

  public String prometheusRule() {
    return name;
  }

  public String configMap() {
    return name + "-config";
  }

  public String uploadsClaim() {
    return name + "-uploads";
  }

  public String exportsClaim() {
    return name + "-exports";
  }

  /** ControllerRevision holding the pod template of one revision. */
  public String controllerRevision(String revision) {
    return name + "-" + revision;
  }
}
