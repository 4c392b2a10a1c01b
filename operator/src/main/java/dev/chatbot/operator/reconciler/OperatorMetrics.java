package dev.chatbot.operator.reconciler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The operator's own metrics, beside JOSDK's reconcile metrics. */
public class OperatorMetrics {

  private final MeterRegistry registry;

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
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
