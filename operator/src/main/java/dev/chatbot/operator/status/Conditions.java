package dev.chatbot.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sets metav1-style conditions. lastTransitionTime changes only when the status flips, so a
 * reconcile that learns nothing new leaves the status byte-for-byte equal and is not patched.
 */
public final class Conditions {

  private final Clock clock;

  public Conditions(Clock clock) {
    this.clock = clock;
  }

  public List<Condition> set(
      List<Condition> previous,
      String type,
      boolean status,
      String reason,
      String message,
      Long generation) {
    return set(previous, type, status ? "True" : "False", reason, message, generation);
  }

  /** Sets a condition whose status may also be "Unknown". */
  public List<Condition> set(
      List<Condition> previous,
      String type,
      String value,
      String reason,
      String message,
      Long generation) {
    List<Condition> next = new ArrayList<>();
    Condition old = null;
    for (Condition c : previous) {
      if (type.equals(c.getType())) {
        old = c;
      } else {
        next.add(c);
      }
    }
    String transition =
        old != null && Objects.equals(old.getStatus(), value) && old.getLastTransitionTime() != null
            ? old.getLastTransitionTime()
            : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    next.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    next.sort(java.util.Comparator.comparingInt(c -> order(c.getType())));
    return next;
  }

  public List<Condition> remove(List<Condition> previous, String type) {
    return previous.stream().filter(c -> !type.equals(c.getType())).toList();
  }

  private static int order(String type) {
    return switch (type) {
      case ConditionTypes.READY -> 0;
      case ConditionTypes.PROGRESSING -> 1;
      case ConditionTypes.DEGRADED -> 2;
      case ConditionTypes.ROLLED_BACK -> 3;
      case ConditionTypes.RECONCILED -> 4;
      case ConditionTypes.IMAGE_RESOLVED -> 5;
      default -> 6;
    };
  }
}
