package dev.chatbot.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

  @Test
  void reconcileTimerIsScrapedAsHistogramSoPercentilesCanBeComputed() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OperatorMetrics.publishReconcileHistogram(registry);

    Timer.builder(OperatorMetrics.RECONCILE_TIMER)
        .tag("controller", "chatbotdeployment")
        .register(registry)
        .record(Duration.ofMillis(40));
    Timer.builder("some.other.timer").register(registry).record(Duration.ofMillis(40));

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("operator_sdk_controllers_execution_reconcile_seconds_bucket{")
        .contains("operator_sdk_controllers_execution_reconcile_seconds_count{")
        .doesNotContain("some_other_timer_seconds_bucket");
  }
}
