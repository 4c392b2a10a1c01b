package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentStatus;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.rollout.RolloutDecision;
import dev.chatbot.operator.status.ConditionTypes;
import dev.chatbot.operator.status.EventRecorder;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events, metrics and log lines for what a reconcile decided: one place, so each transition of the
 * state model (docs/rollback.md) is announced once.
 */
public class RolloutAnnouncer {

  private static final Logger log = LoggerFactory.getLogger(RolloutAnnouncer.class);

  private final EventRecorder events;
  private final OperatorMetrics metrics;

  public RolloutAnnouncer(EventRecorder events, OperatorMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  public void announce(
      ChatbotDeployment cr,
      ChatbotDeploymentStatus previous,
      ChatbotDeploymentStatus next,
      RolloutDecision decision) {
    String name = cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName();
    // Named after the failed revision: however often this runs (retries, a restarted operator),
    // one rollback is one Event and one count.
    decision
        .rolledBackFrom()
        .ifPresent(
            failed -> {
              if (events.recordOnce(
                  cr,
                  "rolledback-" + failed,
                  EventRecorder.WARNING,
                  "RolledBack",
                  decision.message())) {
                metrics.rollback(decision.reason());
                log.warn(
                    "rolled back {}: reason={} {}", name, decision.reason(), decision.message());
              }
            });
    if (decision.refusal().isPresent()
        && previous
            .condition(ConditionTypes.ROLLED_BACK)
            .map(
                c ->
                    !"UnknownRevision".equals(c.getReason())
                        || !c.getMessage().equals(decision.message()))
            .orElse(true)) {
      events.record(cr, EventRecorder.WARNING, "RollbackRefused", decision.message());
    }
    if (!Objects.equals(previous.getCurrentRevision(), next.getCurrentRevision())) {
      events.record(
          cr,
          EventRecorder.NORMAL,
          "RevisionDeployed",
          "deploying revision " + next.getCurrentRevision() + " (" + decision.message() + ")");
      log.info(
          "deploying {} revision={} reason={}", name, next.getCurrentRevision(), decision.reason());
    }
    boolean phaseChanged = previous.getPhase() != next.getPhase();
    boolean degradedAgain =
        next.getPhase() == Phase.Degraded
            && !previous
                .condition(ConditionTypes.DEGRADED)
                .map(c -> decision.reason().equals(c.getReason()))
                .orElse(false);
    if (phaseChanged || degradedAgain) {
      metrics.phase(next.getPhase().name());
      announcePhase(cr, next.getPhase(), decision);
      log.info(
          "{} phase {} -> {} reason={}: {}",
          name,
          previous.getPhase(),
          next.getPhase(),
          decision.reason(),
          decision.message());
    }
  }

  /** The automatic RolledBack Event is announced above, once; this covers the other phases. */
  private void announcePhase(ChatbotDeployment cr, Phase phase, RolloutDecision decision) {
    switch (phase) {
      case Degraded, Failed ->
          events.record(cr, EventRecorder.WARNING, decision.reason(), decision.message());
      case RolledBack -> {
        if (decision.rolledBackFrom().isEmpty()) {
          events.record(cr, EventRecorder.NORMAL, decision.reason(), decision.message());
        }
      }
      default -> events.record(cr, EventRecorder.NORMAL, phase.name(), decision.message());
    }
  }

  /** A reconcile error: one Warning Event per distinct message, not one per retry. */
  public void reconcileError(ChatbotDeployment cr, String message) {
    boolean known =
        cr.getStatus() != null
            && cr.getStatus()
                .condition(ConditionTypes.RECONCILED)
                .map(c -> "False".equals(c.getStatus()) && message.equals(c.getMessage()))
                .orElse(false);
    if (!known) {
      metrics.reconcileError();
      events.record(cr, EventRecorder.WARNING, ConditionTypes.RECONCILE_ERROR, message);
    }
  }

  public void invalidSpec() {
    metrics.invalidSpec();
  }

  /** A spec that cannot roll out: one Warning Event per distinct message. */
  public void blocked(ChatbotDeployment cr, String reason, String message) {
    String previousMessage =
        cr.getStatus() == null
            ? null
            : cr.getStatus().condition(ConditionTypes.READY).map(c -> c.getMessage()).orElse(null);
    if (!message.equals(previousMessage)) {
      events.record(cr, EventRecorder.WARNING, reason, message);
      log.warn(
          "not deploying {}/{}: reason={} {}",
          cr.getMetadata().getNamespace(),
          cr.getMetadata().getName(),
          reason,
          message);
    }
  }

  /**
   * An Event when the ImageResolved condition changes (status or reason), and one when a moved tag
   * is adopted, naming both digests.
   */
  public void imageResolution(
      ChatbotDeployment cr,
      ChatbotDeploymentStatus previous,
      ChatbotDeploymentStatus next,
      ImageResolution image) {
    var before = previous.condition(ConditionTypes.IMAGE_RESOLVED);
    var after = next.condition(ConditionTypes.IMAGE_RESOLVED);
    String name = cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName();
    image
        .movedFrom()
        .ifPresent(
            from -> {
              String to = image.pin().orElseThrow().getDigest();
              String message =
                  "tag "
                      + cr.getSpec().getImage().getTag()
                      + " of "
                      + cr.getSpec().getImage().getRepository()
                      + " moved from "
                      + from
                      + " to "
                      + to
                      + ": rolling out";
              events.record(cr, EventRecorder.NORMAL, "ImageTagMoved", message);
              log.info("{}: {}", name, message);
            });
    if (after.isEmpty()) {
      return;
    }
    boolean changed =
        before.isEmpty()
            || !Objects.equals(before.get().getStatus(), after.get().getStatus())
            || !Objects.equals(before.get().getReason(), after.get().getReason());
    if (changed && !SpecImageResolver.RESOLVING.equals(after.get().getReason())) {
      boolean ok = "True".equals(after.get().getStatus());
      events.record(
          cr,
          ok ? EventRecorder.NORMAL : EventRecorder.WARNING,
          ok ? "ImageResolved" : "ImageResolutionFailed",
          after.get().getReason() + ": " + after.get().getMessage());
      log.info(
          "{}: ImageResolved={} reason={} {}",
          name,
          after.get().getStatus(),
          after.get().getReason(),
          after.get().getMessage());
    }
  }
}
