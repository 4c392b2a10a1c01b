package dev.chatbot.operator.validation;

import dev.chatbot.operator.api.v1alpha1.LimitsSpec;
import java.util.List;

/** spec.limits: what the CRD refuses (LimitsSpec's rules), for `validate` and the reconciler. */
final class LimitsRules {

  private LimitsRules() {}

  static void check(LimitsSpec limits, List<Violation> out) {
    if (limits == null) {
      return;
    }
    positive("spec.limits.tokensPerRequest", limits.getTokensPerRequest(), out);
    positive("spec.limits.tokensPerHour", limits.getTokensPerHour(), out);
    positive("spec.limits.tokensPerDay", limits.getTokensPerDay(), out);
    if (exceeds(limits.getTokensPerRequest(), limits.getTokensPerHour())) {
      out.add(
          Violation.invalid(
              "spec.limits.tokensPerRequest",
              "limits.tokensPerRequest may not exceed limits.tokensPerHour"));
    }
    if (exceeds(limits.getTokensPerHour(), limits.getTokensPerDay())) {
      out.add(
          Violation.invalid(
              "spec.limits.tokensPerHour",
              "limits.tokensPerHour may not exceed limits.tokensPerDay"));
    }
  }

  private static void positive(String field, Long value, List<Violation> out) {
    if (value != null && value < 1) {
      out.add(Violation.invalid(field, field + " must be at least 1"));
    }
  }

  private static boolean exceeds(Long smaller, Long larger) {
    return smaller != null && larger != null && smaller > larger;
  }
}
