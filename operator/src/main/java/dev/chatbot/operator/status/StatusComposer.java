package dev.chatbot.operator.status;

import static dev.chatbot.operator.status.ConditionTypes.DEGRADED;
import static dev.chatbot.operator.status.ConditionTypes.PROGRESSING;
import static dev.chatbot.operator.status.ConditionTypes.READY;
import static dev.chatbot.operator.status.ConditionTypes.RECONCILED;
import static dev.chatbot.operator.status.ConditionTypes.ROLLED_BACK;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentStatus;
import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.api.v1alpha1.RevisionRecord;
import dev.chatbot.operator.api.v1alpha1.RolloutOutcome;
import dev.chatbot.operator.api.v1alpha1.RolloutSpec;
import dev.chatbot.operator.desired.ChatService;
import dev.chatbot.operator.rollout.Health;
import dev.chatbot.operator.rollout.History;
import dev.chatbot.operator.rollout.RolloutDecision;
import dev.chatbot.operator.validation.Violation;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place status is computed. Pure apart from the clock: the reconciler patches the result
 * only when it differs from what is stored.
 */
public final class StatusComposer {

  private final Clock clock;
  private final Conditions conditions;

  public StatusComposer(Clock clock) {
    this.clock = clock;
    this.conditions = new Conditions(clock);
  }

  /** A spec the operator cannot deploy; whatever already runs keeps running. */
  public ChatbotDeploymentStatus blocked(ChatbotDeployment cr, String reason, String message) {
    ChatbotDeploymentStatus next = copy(cr);
    Long generation = cr.getMetadata().getGeneration();
    next.setObservedGeneration(generation);
    boolean somethingRuns = next.getCurrentRevision() != null;
    // Nothing runs yet: an invalid spec has Failed; a missing Secret or an unresolved tag is
    // Pending, waiting on something outside the spec.
    boolean waiting = !ConditionTypes.INVALID_SPEC.equals(reason);
    next.setPhase(somethingRuns ? Phase.Degraded : waiting ? Phase.Pending : Phase.Failed);
    List<Condition> c = next.getConditions();
    c = conditions.set(c, READY, false, reason, message, generation);
    c = conditions.set(c, PROGRESSING, false, reason, "not rolling out: " + message, generation);
    c = conditions.set(c, DEGRADED, true, reason, message, generation);
    next.setConditions(c);
    next.setEndpoint(ChatService.endpoint(cr));
    return next;
  }

  /**
   * The tag cannot be resolved while a revision already runs: nothing is applied, and nothing in
   * status changes but the ImageResolved condition (set by {@link #imageResolved}).
   */
  public ChatbotDeploymentStatus unchanged(ChatbotDeployment cr) {
    return copy(cr);
  }

  /** Sets ImageResolved (digestPolicy Resolve), or removes it when the spec pins a digest. */
  public ChatbotDeploymentStatus imageResolved(
      ChatbotDeploymentStatus next,
      ChatbotDeployment cr,
      Optional<ImageResolvedCondition> condition) {
    next.setConditions(
        condition
            .map(
                c ->
                    conditions.set(
                        next.getConditions(),
                        ConditionTypes.IMAGE_RESOLVED,
                        c.status(),
                        c.reason(),
                        c.message(),
                        cr.getMetadata().getGeneration()))
            .orElseGet(
                () -> conditions.remove(next.getConditions(), ConditionTypes.IMAGE_RESOLVED)));
    return next;
  }

  public static String describe(List<Violation> violations) {
    return violations.stream()
        .map(v -> v.field() + ": " + v.message())
        .collect(Collectors.joining("; "));
  }

  /** After a reconcile that applied the target revision. */
  public ChatbotDeploymentStatus rolledOut(
      ChatbotDeployment cr,
      RolloutDecision decision,
      Health health,
      Optional<String> deployedBefore,
      String targetDigest,
      ImageStatus specImage,
      Deployment deployment) {
    ChatbotDeploymentStatus next = copy(cr);
    Long generation = cr.getMetadata().getGeneration();
    int limit = RolloutSpec.of(cr.getSpec()).historyLimit();
    next.setObservedGeneration(generation);
    next.setPhase(decision.phase());
    // During a rollback the pods run the stored revision's digest, not the spec's; a tag's
    // resolution stays, so a restart neither re-resolves nor depends on the registry.
    next.setImage(
        decision.rolledBack() && specImage.getResolvedFrom() == null
            ? new ImageStatus(targetDigest, null)
            : specImage);
    next.setCurrentRevision(decision.target());
    next.setLastKnownGoodRevision(decision.lastKnownGood().orElse(null));
    next.setFailedRevision(decision.failedRevision().orElse(null));
    next.setHistory(
        history(next.getHistory(), decision, health, deployedBefore, targetDigest, limit));

    int desired = cr.getSpec().getReplicas() == null ? 1 : cr.getSpec().getReplicas();
    int ready =
        deployment == null
                || deployment.getStatus() == null
                || deployment.getStatus().getReadyReplicas() == null
            ? 0
            : deployment.getStatus().getReadyReplicas();
    next.setReplicas(desired);
    next.setReadyReplicas(ready);
    next.setReady(ready + "/" + desired);
    next.setEndpoint(ChatService.endpoint(cr));

    List<Condition> c = next.getConditions();
    boolean serving =
        decision.target().equals(deployedBefore.orElse(null)) && health.is(Health.State.AVAILABLE);
    Phase p = decision.phase();
    c =
        conditions.set(
            c,
            READY,
            serving && p != Phase.Degraded,
            !serving ? decision.reason() : p == Phase.Ready ? decision.reason() : "Available",
            decision.message(),
            generation);
    c =
        conditions.set(
            c,
            PROGRESSING,
            p == Phase.Progressing,
            p == Phase.Progressing ? decision.reason() : "AsExpected",
            p == Phase.Progressing ? decision.message() : "no rollout in progress",
            generation);
    boolean degraded = p == Phase.Degraded || p == Phase.Failed || p == Phase.RolledBack;
    c =
        conditions.set(
            c,
            DEGRADED,
            degraded,
            degraded ? decision.reason() : "AsExpected",
            degraded ? decision.message() : "all replicas of the spec's revision are healthy",
            generation);
    if (decision.rolledBack()) {
      c = conditions.set(c, ROLLED_BACK, true, decision.reason(), decision.message(), generation);
    } else if (decision.refusal().isPresent()) {
      c = conditions.set(c, ROLLED_BACK, false, "UnknownRevision", decision.message(), generation);
    } else if (next.condition(ROLLED_BACK).isPresent()) {
      c =
          conditions.set(
              c,
              ROLLED_BACK,
              false,
              "AsExpected",
              "running the spec's revision " + decision.target(),
              generation);
    }
    if (next.condition(RECONCILED).isPresent()) {
      c =
          conditions.set(
              c, RECONCILED, true, "ReconcileSucceeded", "all owned objects applied", generation);
    }
    next.setConditions(c);
    return next;
  }

  /**
   * A reconcile failed (the API server refused a write, a webhook denied it, a quota ran out). The
   * phase stays what it was: what runs has not changed; the Reconciled condition says what failed.
   */
  public ChatbotDeploymentStatus errored(ChatbotDeployment cr, String message) {
    ChatbotDeploymentStatus next =
        cr.getStatus() == null || cr.getStatus().getPhase() == null
            ? blocked(cr, ConditionTypes.RECONCILE_ERROR, message)
            : copy(cr);
    next.setConditions(
        conditions.set(
            next.getConditions(),
            RECONCILED,
            false,
            ConditionTypes.RECONCILE_ERROR,
            message,
            cr.getMetadata().getGeneration()));
    return next;
  }

  private List<RevisionRecord> history(
      List<RevisionRecord> history,
      RolloutDecision decision,
      Health health,
      Optional<String> deployedBefore,
      String targetDigest,
      int limit) {
    List<RevisionRecord> h = new ArrayList<>(history == null ? List.of() : history);
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    if (decision.failedRevision().isPresent()) {
      h = History.outcome(h, decision.failedRevision().get(), RolloutOutcome.Failed);
    }
    if (!decision.target().equals(deployedBefore.orElse(null))) {
      RolloutOutcome outcome =
          decision.rolledBack() ? RolloutOutcome.RolledBackTo : RolloutOutcome.Progressing;
      return History.deployed(h, decision.target(), targetDigest, now, outcome, limit);
    }
    boolean stabilized = decision.stabilizes(decision.target());
    if (stabilized) {
      h = History.outcome(h, decision.target(), RolloutOutcome.Succeeded);
    }
    if (h.stream().noneMatch(r -> decision.target().equals(r.getRevision()))) {
      RolloutOutcome outcome = stabilized ? RolloutOutcome.Succeeded : RolloutOutcome.Progressing;
      h = History.deployed(h, decision.target(), targetDigest, now, outcome, limit);
    }
    return h.subList(0, Math.min(limit, h.size()));
  }

  private static ChatbotDeploymentStatus copy(ChatbotDeployment cr) {
    ChatbotDeploymentStatus prev =
        cr.getStatus() == null ? new ChatbotDeploymentStatus() : cr.getStatus();
    ChatbotDeploymentStatus next = new ChatbotDeploymentStatus();
    next.setObservedGeneration(prev.getObservedGeneration());
    next.setPhase(prev.getPhase());
    next.setConditions(
        new ArrayList<>(prev.getConditions() == null ? List.of() : prev.getConditions()));
    next.setImage(prev.getImage());
    next.setCurrentRevision(prev.getCurrentRevision());
    next.setLastKnownGoodRevision(prev.getLastKnownGoodRevision());
    next.setFailedRevision(prev.getFailedRevision());
    next.setHistory(new ArrayList<>(prev.getHistory() == null ? List.of() : prev.getHistory()));
    next.setReplicas(prev.getReplicas());
    next.setReadyReplicas(prev.getReadyReplicas());
    next.setReady(prev.getReady());
    next.setEndpoint(prev.getEndpoint());
    return next;
  }
}
