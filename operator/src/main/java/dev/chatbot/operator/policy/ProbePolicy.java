package dev.chatbot.operator.policy;

import dev.chatbot.operator.api.v1alpha1.AppContract;
import dev.chatbot.operator.api.v1alpha1.ProbesSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/**
 * HTTP probes on the app's actuator health groups (never exec: the image has no shell). The startup
 * probe absorbs the startup grace, so liveness never kills a pod that is still starting, and an
 * unreachable model only ever affects readiness (the app decides that, not the probe).
 */
public final class ProbePolicy {

  private final ProbesSpec probes;

  public ProbePolicy(ProbesSpec probes) {
    this.probes = probes == null ? new ProbesSpec() : probes;
  }

  public Probe startup() {
    int period = probes.getPeriodSeconds();
    int graceChecks = (probes.getStartupGraceSeconds() + period - 1) / period;
    return probe(AppContract.LIVENESS_PATH, graceChecks + probes.getFailureThreshold());
  }

  public Probe liveness() {
    return probe(AppContract.LIVENESS_PATH, probes.getFailureThreshold());
  }

  public Probe readiness() {
    return probe(AppContract.READINESS_PATH, probes.getFailureThreshold());
  }

  private Probe probe(String path, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .withScheme("HTTP")
        .endHttpGet()
        .withPeriodSeconds(probes.getPeriodSeconds())
        .withTimeoutSeconds(probes.getTimeoutSeconds())
        .withFailureThreshold(failureThreshold)
        .withSuccessThreshold(1)
        .build();
  }
}
