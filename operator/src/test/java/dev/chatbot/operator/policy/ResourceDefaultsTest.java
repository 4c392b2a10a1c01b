package dev.chatbot.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceDefaultsTest {

  @Test
  void appliesTheRunbookBaselineWithNoResourcesGiven() {
    ResourceRequirements applied = ResourceDefaults.apply(null);

    assertThat(text(applied.getRequests())).isEqualTo(Map.of("cpu", "500m", "memory", "512Mi"));
    assertThat(text(applied.getLimits())).isEqualTo(Map.of("cpu", "1", "memory", "1Gi"));
  }

  @Test
  void overridesKeyByKey() {
    ResourceRequirements spec =
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("250m"))
            .addToLimits("memory", new Quantity("2Gi"))
            .build();

    ResourceRequirements applied = ResourceDefaults.apply(spec);

    assertThat(text(applied.getRequests())).isEqualTo(Map.of("cpu", "250m", "memory", "512Mi"));
    assertThat(text(applied.getLimits())).isEqualTo(Map.of("cpu", "1", "memory", "2Gi"));
  }

  @Test
  void liftsTheDefaultLimitToARequestAboveIt() {
    ResourceRequirements spec =
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("2"))
            .addToRequests("memory", new Quantity("3Gi"))
            .build();

    ResourceRequirements applied = ResourceDefaults.apply(spec);

    assertThat(text(applied.getLimits())).isEqualTo(Map.of("cpu", "2", "memory", "3Gi"));
  }

  @Test
  void keepsAnExplicitLimit() {
    ResourceRequirements spec =
        new ResourceRequirementsBuilder()
            .addToRequests("memory", new Quantity("768Mi"))
            .addToLimits("memory", new Quantity("768Mi"))
            .build();

    ResourceRequirements applied = ResourceDefaults.apply(spec);

    assertThat(text(applied.getLimits())).containsEntry("memory", "768Mi");
  }

  @Test
  void keepsExtraResourcesTheSpecAsksFor() {
    ResourceRequirements spec =
        new ResourceRequirementsBuilder()
            .addToRequests("ephemeral-storage", new Quantity("1Gi"))
            .addToLimits("ephemeral-storage", new Quantity("2Gi"))
            .build();

    ResourceRequirements applied = ResourceDefaults.apply(spec);

    assertThat(text(applied.getRequests())).containsEntry("ephemeral-storage", "1Gi");
    assertThat(text(applied.getLimits())).containsEntry("ephemeral-storage", "2Gi");
  }

  @Test
  void neverLeavesTheDefaultRequestAboveAnExplicitLowerLimit() {
    ResourceRequirements spec =
        new ResourceRequirementsBuilder()
            .addToLimits("cpu", new Quantity("250m"))
            .addToLimits("memory", new Quantity("256Mi"))
            .build();

    ResourceRequirements applied = ResourceDefaults.apply(spec);

    // The API server refuses a pod whose request exceeds its limit.
    assertThat(amount(applied.getRequests().get("cpu")))
        .isLessThanOrEqualTo(amount(applied.getLimits().get("cpu")));
    assertThat(amount(applied.getRequests().get("memory")))
        .isLessThanOrEqualTo(amount(applied.getLimits().get("memory")));
  }

  private static java.math.BigDecimal amount(Quantity q) {
    return Quantity.getAmountInBytes(q);
  }

  private static Map<String, String> text(Map<String, Quantity> quantities) {
    Map<String, String> out = new java.util.TreeMap<>();
    quantities.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }
}
