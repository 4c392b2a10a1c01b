package dev.chatbot.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.MonitoringSpec;
import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusObjectsTest {

  @ParameterizedTest(name = "wanted={0}, CRDs installed={1} -> rendered={2}")
  @CsvSource({"false,false,false", "false,true,false", "true,false,false", "true,true,true"})
  void rendersMonitoringObjectsOnlyWhenWantedAndTheirCrdsExist(
      boolean wanted, boolean installed, boolean rendered) {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              MonitoringSpec monitoring = new MonitoringSpec();
              monitoring.setServiceMonitor(wanted);
              monitoring.setPrometheusRule(wanted);
              spec.setMonitoring(monitoring);
            });
    RenderFacts base = RenderFacts.forEmptyCluster(cr);
    RenderFacts facts =
        new RenderFacts(base.image(), base.inputsHash(), base.rollbackTo(), installed, installed);

    DesiredState state = DesiredState.of(cr, facts);

    assertThat(state.serviceMonitor().isPresent()).isEqualTo(rendered);
    assertThat(state.prometheusRule().isPresent()).isEqualTo(rendered);
    assertThat(state.all().stream().filter(GenericKubernetesResource.class::isInstance).count())
        .isEqualTo(rendered ? 2 : 0);
  }

  @ParameterizedTest
  @CsvSource({"true,false", "false,true"})
  void rendersEachMonitoringObjectOnlyWhenItsOwnCrdExists(boolean monitorCrd, boolean ruleCrd) {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              MonitoringSpec monitoring = new MonitoringSpec();
              monitoring.setServiceMonitor(true);
              monitoring.setPrometheusRule(true);
              spec.setMonitoring(monitoring);
            });
    RenderFacts base = RenderFacts.forEmptyCluster(cr);

    DesiredState state =
        DesiredState.of(
            cr,
            new RenderFacts(
                base.image(), base.inputsHash(), base.rollbackTo(), monitorCrd, ruleCrd));

    assertThat(state.serviceMonitor().isPresent()).isEqualTo(monitorCrd);
    assertThat(state.prometheusRule().isPresent()).isEqualTo(ruleCrd);
  }
}
