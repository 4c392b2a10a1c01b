package dev.chatbot.operator.reconciler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;

/** The operator's own metrics, beside JOSDK's reconcile metrics. */
public class OperatorMetrics {

  private final MeterRegistry registry;

  /** JOSDK's timer of one reconcile: operator_sdk_controllers_execution_reconcile_seconds. */
  static final String RECONCILE_TIMER = "operator.sdk.controllers.execution.reconcile";

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Publishes JOSDK's reconcile timer as a Prometheus histogram ({@code _bucket}), so reconcile
   * latency percentiles can be computed over any window (JOSDK only gives count, sum and max). Must
   * be called before the operator registers its meters.
   */
  public static void publishReconcileHistogram(MeterRegistry registry) {
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().startsWith(RECONCILE_TIMER)) {
                  return config;
                }
                return DistributionStatisticConfig.builder()
                    .percentilesHistogram(true)
                    .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                    .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos())
                    .build()
                    .merge(config);
              }
            });
  }

  /** chatbot_operator_rollbacks_total{reason}. */
  public void rollback(String reason) {
    Counter.builder("chatbot.operator.rollbacks")
        .description("Automatic rollbacks to the last known-good revision")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** chatbot_operator_invalid_specs_total: specs refused with InvalidSpec. */
  public void invalidSpec() {
    Counter.builder("chatbot.operator.invalid.specs")
        .description("Reconciles that found a spec the CRD could not reject")
        .register(registry)
        .increment();
  }

  /** chatbot_operator_reconcile_errors_total: reconciles the API server refused a write of. */
  public void reconcileError() {
    Counter.builder("chatbot.operator.reconcile.errors")
        .description("Reconciles that failed with a new error message (retries not counted)")
        .register(registry)
        .increment();
  }

  /** chatbot_operator_phase_transitions_total{phase}. */
  public void phase(String phase) {
    Counter.builder("chatbot.operator.phase.transitions")
        .description("ChatbotDeployments entering a phase")
        .tag("phase", phase)
        .register(registry)
        .increment();
  }
}
