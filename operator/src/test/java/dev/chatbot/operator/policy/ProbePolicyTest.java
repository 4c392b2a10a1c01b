package dev.chatbot.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.ProbesSpec;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbePolicyTest {

  @Test
  void usesTheRunbookTimingByDefault() {
    ProbePolicy policy = new ProbePolicy(null);

    for (Probe probe : List.of(policy.startup(), policy.liveness(), policy.readiness())) {
      assertThat(probe.getPeriodSeconds()).isEqualTo(10);
      assertThat(probe.getTimeoutSeconds()).isEqualTo(3);
      assertThat(probe.getSuccessThreshold()).isEqualTo(1);
      assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
      assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
      assertThat(probe.getExec()).isNull();
      assertThat(probe.getTcpSocket()).isNull();
    }
    assertThat(policy.liveness().getFailureThreshold()).isEqualTo(6);
    assertThat(policy.readiness().getFailureThreshold()).isEqualTo(6);
  }

  @Test
  void startupProbeCoversTheDefaultGraceOfTwentySeconds() {
    Probe startup = new ProbePolicy(new ProbesSpec()).startup();

    // 20s grace at a 10s period = 2 checks, plus the 6 failures liveness would allow.
    assertThat(startup.getFailureThreshold()).isEqualTo(8);
    assertThat(startup.getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
  }

  @ParameterizedTest(name = "grace {0}s, period {1}s, threshold {2} -> startup threshold {3}")
  @CsvSource({"0,10,6,6", "40,10,6,10", "25,10,6,9", "600,300,1,3", "1,1,30,31", "7,5,3,5"})
  void startupProbeRoundsTheGraceUpToWholePeriods(
      int grace, int period, int threshold, int expected) {
    ProbesSpec spec = probes(period, 1, threshold, grace);

    Probe startup = new ProbePolicy(spec).startup();

    assertThat(startup.getFailureThreshold()).isEqualTo(expected);
    assertThat(startup.getFailureThreshold() * startup.getPeriodSeconds())
        .isGreaterThanOrEqualTo(grace + threshold * period);
  }

  @Test
  void takesOverridesFromTheSpec() {
    ProbePolicy policy = new ProbePolicy(probes(15, 5, 3, 20));

    Probe liveness = policy.liveness();
    Probe readiness = policy.readiness();

    assertThat(liveness.getPeriodSeconds()).isEqualTo(15);
    assertThat(liveness.getTimeoutSeconds()).isEqualTo(5);
    assertThat(liveness.getFailureThreshold()).isEqualTo(3);
    assertThat(readiness.getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
    assertThat(readiness.getFailureThreshold()).isEqualTo(3);
    assertThat(policy.startup().getFailureThreshold()).isEqualTo(2 + 3);
  }

  private static ProbesSpec probes(int period, int timeout, int threshold, int grace) {
    ProbesSpec spec = new ProbesSpec();
    spec.setPeriodSeconds(period);
    spec.setTimeoutSeconds(timeout);
    spec.setFailureThreshold(threshold);
    spec.setStartupGraceSeconds(grace);
    return spec;
  }
}
