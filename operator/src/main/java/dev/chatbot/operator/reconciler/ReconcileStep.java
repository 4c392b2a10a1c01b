package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentStatus;
import dev.chatbot.operator.api.v1alpha1.DigestPolicy;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.config.OperatorConfig;
import dev.chatbot.operator.desired.DesiredState;
import dev.chatbot.operator.desired.RenderFacts;
import dev.chatbot.operator.desired.RevisionSnapshot;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.registry.ImageDigestResolver;
import dev.chatbot.operator.registry.RegistryException;
import dev.chatbot.operator.rollout.Health;
import dev.chatbot.operator.rollout.HealthAssessor;
import dev.chatbot.operator.rollout.RevisionStore;
import dev.chatbot.operator.rollout.RollbackDecider;
import dev.chatbot.operator.rollout.RolloutDecision;
import dev.chatbot.operator.rollout.RolloutInput;
import dev.chatbot.operator.status.ConditionTypes;
import dev.chatbot.operator.status.EventRecorder;
import dev.chatbot.operator.status.StatusComposer;
import dev.chatbot.operator.validation.SpecValidator;
import dev.chatbot.operator.validation.Violation;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile, in order: validate, gather facts (digest, referenced content), decide the revision
 * to run, apply the owned objects, write status. Everything it needs is read from the cluster, so a
 * restarted operator continues where the last one stopped.
 */
public class ReconcileStep {

  private static final Logger log = LoggerFactory.getLogger(ReconcileStep.class);
  private static final Duration WHILE_PROGRESSING = Duration.ofSeconds(10);
  private static final Duration AFTER_BLOCKED = Duration.ofSeconds(30);

  private final OperatorConfig config;
  private final SpecValidator validator = new SpecValidator();
  private final ImageDigestResolver resolver;
  private final RevisionStore revisions;
  private final HealthAssessor assessor;
  private final RollbackDecider decider = new RollbackDecider();
  private final StatusComposer composer;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final PrometheusObjectsApplier prometheus;
  private final Clock clock;

  /**
   * Tag resolutions of this process, per CR generation. Status holds the same for restarts; this
   * covers reconciles that run before the status write is back in the informer cache.
   */
  private final java.util.Map<String, String> resolved =
      new java.util.concurrent.ConcurrentHashMap<>();

  public ReconcileStep(
      OperatorConfig config,
      ImageDigestResolver resolver,
      RevisionStore revisions,
      EventRecorder events,
      OperatorMetrics metrics,
      PrometheusObjectsApplier prometheus,
      Clock clock) {
    this.config = config;
    this.resolver = resolver;
    this.revisions = revisions;
    this.assessor = new HealthAssessor(config.failureThreshold());
    this.composer = new StatusComposer(clock);
    this.events = events;
    this.metrics = metrics;
    this.prometheus = prometheus;
    this.clock = clock;
  }

  public UpdateControl<ChatbotDeployment> run(
      ChatbotDeployment given, Context<ChatbotDeployment> context, ClusterView cluster) {
    ChatbotDeployment cr = config.appImage().applyTo(given);
    List<Violation> violations = validator.validate(cr);
    if (!violations.isEmpty()) {
      metrics.invalidSpec();
      return blocked(cr, ConditionTypes.INVALID_SPEC, StatusComposer.describe(violations));
    }
    ReferencedInputs.Resolution inputs =
        ReferencedInputs.resolve(cr.getSpec(), cluster::secret, cluster::configMap);
    if (!inputs.missing().isEmpty()) {
      return blocked(
          cr,
          ConditionTypes.MISSING_REFERENCE,
          "not found: " + String.join("; ", inputs.missing()));
    }
    ImageStatus image;
    try {
      image = image(cr);
    } catch (RegistryException e) {
      return blocked(
          cr, ConditionTypes.DIGEST_RESOLUTION_FAILED, "spec.image.tag: " + e.getMessage());
    }
    RenderFacts facts =
        new RenderFacts(
            image,
            inputs.hash(),
            Optional.empty(),
            prometheus.serviceMonitorAvailable(cluster.client()),
            prometheus.prometheusRuleAvailable(cluster.client()));
    DesiredState desired = DesiredState.of(cr, facts);

    List<ControllerRevision> stored = revisions.list(cr);
    if (stored.stream()
        .noneMatch(r -> desired.specRevision().revision().equals(RevisionStore.revisionOf(r)))) {
      revisions.save(cr, desired.specRevision(), stored);
      stored = revisions.list(cr);
    }
    Deployment deployment = cluster.deployment().orElse(null);
    Optional<String> deployed =
        Optional.ofNullable(deployment).flatMap(HealthAssessor::deployedRevision);
    ChatbotDeploymentStatus previous =
        cr.getStatus() == null ? new ChatbotDeploymentStatus() : cr.getStatus();
    boolean wasAvailable =
        deployed.isPresent()
            && stored.stream()
                .anyMatch(
                    r ->
                        deployed.get().equals(RevisionStore.revisionOf(r))
                            && RevisionStore.succeededAt(r).isPresent());
    Health health = assessor.assess(deployment, cluster.pods(), wasAvailable, clock.instant());
    RolloutDecision decision = decider.decide(input(cr, desired, deployed, health, stored));

    RevisionSnapshot target = desired.specRevision();
    if (!decision.target().equals(target.revision())) {
      target = revisions.load(stored, decision.target()).orElse(target);
    }
    DesiredState toApply =
        target == desired.specRevision()
            ? desired
            : DesiredState.of(cr, facts.withRollbackTo(target));
    context.managedWorkflowAndDependentResourceContext().put(DesiredState.CONTEXT_KEY, toApply);
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    prometheus.apply(cr, toApply, cluster.client());

    remember(decision, health, deployed, desired.specRevision().revision(), stored);
    ChatbotDeploymentStatus next =
        composer.rolledOut(cr, decision, health, deployed, target.digest(), image, deployment);
    announce(cr, previous, next, decision);
    revisions.prune(
        stored,
        cr.getSpec().getRollout() == null
            ? 10
            : cr.getSpec().getRollout().getRevisionHistoryLimit(),
        keep(next, desired));
    Duration recheck =
        decision.phase() == Phase.Progressing || decision.phase() == Phase.Degraded
            ? health.recheckAfter().orElse(WHILE_PROGRESSING)
            : config.resyncInterval();
    return patchIfChanged(cr, next).rescheduleAfter(recheck);
  }

  /**
   * The decision's memory (known-good, failed, why) comes from the stored revisions, read fresh
   * from the API server on every reconcile, not from the possibly stale cached status.
   */
  private static RolloutInput input(
      ChatbotDeployment cr,
      DesiredState desired,
      Optional<String> deployed,
      Health health,
      List<ControllerRevision> stored) {
    var annotations = cr.getMetadata().getAnnotations();
    Optional<String> rollbackTo =
        annotations == null
            ? Optional.empty()
            : Optional.ofNullable(annotations.get(Labels.ROLLBACK_TO))
                .map(String::trim)
                .filter(s -> !s.isEmpty());
    String spec = desired.specRevision().revision();
    List<ControllerRevision> succeeded =
        stored.stream()
            .filter(
                r ->
                    RevisionStore.succeededAt(r).isPresent()
                        && RevisionStore.failedReason(r).isEmpty())
            .sorted(
                java.util.Comparator.comparing(
                        (ControllerRevision r) -> RevisionStore.succeededAt(r).orElseThrow())
                    .reversed())
            .toList();
    Optional<ControllerRevision> specStored =
        stored.stream().filter(r -> spec.equals(RevisionStore.revisionOf(r))).findFirst();
    Optional<String> failureReason = specStored.flatMap(RevisionStore::failedReason);
    return new RolloutInput(
        spec,
        deployed,
        health,
        succeeded.stream().findFirst().map(RevisionStore::revisionOf),
        failureReason.map(r -> spec),
        succeeded.stream().map(RevisionStore::revisionOf).toList(),
        stored.stream().map(RevisionStore::revisionOf).toList(),
        rollbackTo,
        cr.getSpec().getRollout() == null
            || !Boolean.FALSE.equals(cr.getSpec().getRollout().getAutoRollback()),
        failureReason);
  }

  /** Writes what this reconcile learned onto the stored revisions. */
  private void remember(
      RolloutDecision decision,
      Health health,
      Optional<String> deployed,
      String specRevision,
      List<ControllerRevision> stored) {
    String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    for (ControllerRevision r : stored) {
      String revision = RevisionStore.revisionOf(r);
      if (health.is(Health.State.AVAILABLE)
          && deployed.filter(revision::equals).isPresent()
          && !(revision.equals(specRevision)
              && decision.failedRevision().filter(specRevision::equals).isPresent())) {
        revisions.markSucceeded(r, now);
      }
      if (revision.equals(specRevision)
          && decision.failedRevision().filter(specRevision::equals).isPresent()) {
        revisions.markFailed(r, decision.reason());
      }
    }
  }

  private static List<String> keep(ChatbotDeploymentStatus status, DesiredState desired) {
    return java.util.stream.Stream.of(
            status.getCurrentRevision(),
            status.getLastKnownGoodRevision(),
            desired.specRevision().revision())
        .filter(Objects::nonNull)
        .toList();
  }

  /**
   * Digest pin: the spec's, or the tag resolved once per spec generation (not on every reconcile).
   */
  private ImageStatus image(ChatbotDeployment cr) throws RegistryException {
    ImageSpec spec = cr.getSpec().getImage();
    if (spec.getDigest() != null) {
      return new ImageStatus(spec.getDigest(), null);
    }
    ChatbotDeploymentStatus status = cr.getStatus();
    if (spec.getDigestPolicy() == DigestPolicy.Resolve
        && status != null
        && status.getImage() != null
        && status.getImage().getDigest() != null
        && Objects.equals(status.getImage().getResolvedFrom(), spec.getTag())
        && Objects.equals(status.getObservedGeneration(), cr.getMetadata().getGeneration())) {
      return status.getImage();
    }
    String key =
        cr.getMetadata().getUid() + "/" + cr.getMetadata().getGeneration() + "/" + spec.getTag();
    String known = resolved.get(key);
    if (known != null) {
      return new ImageStatus(known, spec.getTag());
    }
    String digest = resolver.resolve(spec);
    if (resolved.size() > 10_000) {
      resolved.clear();
    }
    resolved.put(key, digest);
    log.info(
        "resolved {}:{} to {} for {}/{}",
        spec.getRepository(),
        spec.getTag(),
        digest,
        cr.getMetadata().getNamespace(),
        cr.getMetadata().getName());
    return new ImageStatus(digest, spec.getTag());
  }

  private UpdateControl<ChatbotDeployment> blocked(
      ChatbotDeployment cr, String reason, String message) {
    ChatbotDeploymentStatus next = composer.blocked(cr, reason, message);
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
    return patchIfChanged(cr, next).rescheduleAfter(AFTER_BLOCKED);
  }

  public ChatbotDeploymentStatus errorStatus(ChatbotDeployment cr, Exception e) {
    String message =
        "reconcile failed and is retried: "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""));
    ChatbotDeploymentStatus status =
        cr.getStatus() == null ? new ChatbotDeploymentStatus() : cr.getStatus();
    if (status.getPhase() == null) {
      return composer.blocked(cr, "ReconcileError", message);
    }
    return status;
  }

  private void announce(
      ChatbotDeployment cr,
      ChatbotDeploymentStatus previous,
      ChatbotDeploymentStatus next,
      RolloutDecision decision) {
    String name = cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName();
    if (decision.rollbackStarted()) {
      metrics.rollback(decision.reason());
      events.record(cr, EventRecorder.WARNING, "RolledBack", decision.message());
      log.warn("rolled back {}: reason={} {}", name, decision.reason(), decision.message());
    }
    if (decision.refusal().isPresent() && !Objects.equals(previous.getPhase(), next.getPhase())
        || decision.refusal().isPresent()
            && previous
                .condition(ConditionTypes.ROLLED_BACK)
                .map(c -> !"UnknownRevision".equals(c.getReason()))
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
    if (previous.getPhase() != next.getPhase()) {
      metrics.phase(next.getPhase().name());
      events.record(
          cr,
          next.getPhase() == Phase.Failed ? EventRecorder.WARNING : EventRecorder.NORMAL,
          next.getPhase().name(),
          decision.message());
      log.info(
          "{} phase {} -> {}: {}", name, previous.getPhase(), next.getPhase(), decision.message());
    }
  }

  private static UpdateControl<ChatbotDeployment> patchIfChanged(
      ChatbotDeployment cr, ChatbotDeploymentStatus next) {
    if (next.equals(cr.getStatus())) {
      return UpdateControl.noUpdate();
    }
    ChatbotDeployment patch = new ChatbotDeployment();
    patch.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(cr.getMetadata().getName())
            .withNamespace(cr.getMetadata().getNamespace())
            .withResourceVersion(cr.getMetadata().getResourceVersion())
            .build());
    patch.setStatus(next);
    return UpdateControl.patchStatus(patch);
  }
}
