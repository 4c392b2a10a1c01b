package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import java.util.Optional;

/**
 * What desired state depends on besides the CR, gathered by the reconciler (or the CLI) before
 * rendering, so rendering itself does no I/O.
 *
 * @param image the digest to run and the tag it came from
 * @param inputsHash hash of the referenced Secret/ConfigMap contents; a change rolls the pods
 * @param rollbackTo a stored revision to run instead of the spec's (rollback), if any
 * @param serviceMonitorAvailable the ServiceMonitor CRD exists in the cluster
 * @param prometheusRuleAvailable the PrometheusRule CRD exists in the cluster
 */
public record RenderFacts(
    ImageStatus image,
    String inputsHash,
    Optional<RevisionSnapshot> rollbackTo,
    boolean serviceMonitorAvailable,
    boolean prometheusRuleAvailable) {

  /**
   * Facts for an empty cluster: the spec's own digest, no referenced content, no Prometheus CRDs.
   */
  public static RenderFacts forEmptyCluster(ChatbotDeployment cr) {
    return new RenderFacts(
        new ImageStatus(cr.getSpec().getImage().getDigest(), null),
        "",
        Optional.empty(),
        false,
        false);
  }

  public RenderFacts withImage(ImageStatus resolved) {
    return new RenderFacts(
        resolved, inputsHash, rollbackTo, serviceMonitorAvailable, prometheusRuleAvailable);
  }

  public RenderFacts withRollbackTo(RevisionSnapshot snapshot) {
    return new RenderFacts(
        image,
        inputsHash,
        Optional.ofNullable(snapshot),
        serviceMonitorAvailable,
        prometheusRuleAvailable);
  }
}
