package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.config.BundledAppImage;
import dev.chatbot.operator.desired.DesiredState;
import dev.chatbot.operator.desired.RenderFacts;
import dev.chatbot.operator.inputs.ReferencedInputs;
import dev.chatbot.operator.registry.RegistryException;
import dev.chatbot.operator.rollout.HealthAssessor;
import dev.chatbot.operator.rollout.RevisionStore;
import dev.chatbot.operator.status.ConditionTypes;
import dev.chatbot.operator.status.StatusComposer;
import dev.chatbot.operator.validation.SpecValidator;
import dev.chatbot.operator.validation.Violation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The observe step: reads everything one reconcile needs and nothing else, writes nothing. The CR
 * and the stored revisions come fresh from the API server, because durable decisions (a revision
 * failed, a rollback) must never rest on an informer copy that lags behind a spec change.
 */
public class ClusterObserver {

  private final SpecValidator validator = new SpecValidator();
  private final BundledAppImage appImage;
  private final SpecImageResolver images;
  private final RevisionStore revisions;
  private final HealthAssessor assessor;
  private final PrometheusObjectsApplier prometheus;
  private final Clock clock;

  public ClusterObserver(
      BundledAppImage appImage,
      SpecImageResolver images,
      RevisionStore revisions,
      HealthAssessor assessor,
      PrometheusObjectsApplier prometheus,
      Clock clock) {
    this.appImage = appImage;
    this.images = images;
    this.revisions = revisions;
    this.assessor = assessor;
    this.prometheus = prometheus;
    this.clock = clock;
  }

  public Observation observe(ChatbotDeployment cached, ClusterView cluster) {
    // A CR without spec.image runs this release's app image, as if admission had defaulted it.
    ChatbotDeployment cr = appImage.applyTo(cluster.fresh(cached));
    List<Violation> violations = validator.validate(cr);
    if (!violations.isEmpty()) {
      return Observation.blocked(
          cr,
          new Blocker(ConditionTypes.INVALID_SPEC, StatusComposer.describe(violations)),
          clock.instant());
    }
    ReferencedInputs.Resolution inputs =
        ReferencedInputs.resolve(cr.getSpec(), cluster::secret, cluster::configMap);
    if (!inputs.missing().isEmpty()) {
      return Observation.blocked(
          cr,
          new Blocker(
              ConditionTypes.MISSING_REFERENCE,
              "not found: " + String.join("; ", inputs.missing())),
          clock.instant());
    }
    dev.chatbot.operator.api.v1alpha1.ImageStatus image;
    try {
      image = images.pin(cr);
    } catch (RegistryException e) {
      return Observation.blocked(
          cr,
          new Blocker(ConditionTypes.DIGEST_RESOLUTION_FAILED, "spec.image.tag: " + e.getMessage()),
          clock.instant());
    }
    RenderFacts facts =
        new RenderFacts(
            image,
            inputs.hash(),
            Optional.empty(),
            prometheus.serviceMonitorAvailable(cluster.client()),
            prometheus.prometheusRuleAvailable(cluster.client()));
    Optional<Deployment> deployment = cluster.deployment();
    var now = clock.instant();
    return new Observation(
        cr,
        Optional.empty(),
        DesiredState.of(cr, facts),
        revisions.list(cr, cluster.storedRevisions()),
        deployment,
        assessor.assess(deployment.orElse(null), cluster.pods(), now),
        now);
  }
}
