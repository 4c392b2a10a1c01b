package dev.chatbot.operator.runtime;

import dev.chatbot.operator.config.OperatorConfig;
import dev.chatbot.operator.inputs.MetadataOnlyClient;
import dev.chatbot.operator.inputs.ReferencedObjects;
import dev.chatbot.operator.inputs.TrimmedItemStore;
import dev.chatbot.operator.reconciler.ChatbotDeploymentReconciler;
import dev.chatbot.operator.reconciler.ClusterObserver;
import dev.chatbot.operator.reconciler.ImageResolutionEvents;
import dev.chatbot.operator.reconciler.OperatorMetrics;
import dev.chatbot.operator.reconciler.PrometheusObjectsApplier;
import dev.chatbot.operator.reconciler.ReconcileStep;
import dev.chatbot.operator.reconciler.RolloutAnnouncer;
import dev.chatbot.operator.reconciler.SpecImageResolver;
import dev.chatbot.operator.reconciler.StepListener;
import dev.chatbot.operator.registry.ImageDigestResolver;
import dev.chatbot.operator.registry.TagResolutions;
import dev.chatbot.operator.rollout.HealthAssessor;
import dev.chatbot.operator.rollout.RevisionStore;
import dev.chatbot.operator.status.EventRecorder;
import dev.chatbot.operator.status.StatusComposer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the operator process together: client, metrics, reconciler, leader election. */
public final class OperatorRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OperatorRuntime.class);

  private final Operator operator;
  private final PrometheusMeterRegistry registry;
  private final OperatorConfig config;
  private final String identity;
  private final TagResolutions resolutions;
  private final KubernetesClient metadataClient;

  public OperatorRuntime(
      OperatorConfig config, KubernetesClient client, ImageDigestResolver resolver, Clock clock) {
    this(config, client, resolver, clock, true);
  }

  /**
   * @param exitOnLostLeadership exit the process when leadership is lost, so the restarted process
   *     starts from a clean cache (always in production; tests with several operators in one JVM
   *     turn it off)
   */
  public OperatorRuntime(
      OperatorConfig config,
      KubernetesClient client,
      ImageDigestResolver resolver,
      Clock clock,
      boolean exitOnLostLeadership) {
    this(config, client, resolver, clock, exitOnLostLeadership, StepListener.NONE);
  }

  /**
   * @param listener told after each write step of a reconcile (tests stop an operator there)
   */
  public OperatorRuntime(
      OperatorConfig config,
      KubernetesClient client,
      ImageDigestResolver resolver,
      Clock clock,
      boolean exitOnLostLeadership,
      StepListener listener) {
    this.config = config;
    // Pod name plus a random suffix: unique even for two operators in one process (tests).
    this.identity =
        System.getenv().getOrDefault("HOSTNAME", "chatbot-operator")
            + "-"
            + java.util.UUID.randomUUID().toString().substring(0, 8);
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  .withUseSSAToPatchPrimaryResource(config.serverSideApply())
                  .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
                  .withCloseClientOnStop(false);
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        config.leaseName(),
                        config.leaseNamespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        identity,
                        null,
                        exitOnLostLeadership));
              }
            });
    EventRecorder events = new EventRecorder(client, clock);
    this.metadataClient = MetadataOnlyClient.derivedFrom(client, ReferencedObjects.PLURALS);
    RevisionStore revisions = new RevisionStore(client);
    PrometheusObjectsApplier prometheus = new PrometheusObjectsApplier(clock);
    ImageResolutionEvents imageEvents = new ImageResolutionEvents();
    this.resolutions = new TagResolutions(resolver, clock, config.registry().threads());
    ReconcileStep step =
        new ReconcileStep(
            config,
            new ClusterObserver(
                config.appImage(),
                new SpecImageResolver(resolutions, imageEvents::trigger, clock),
                revisions,
                new HealthAssessor(config.failureThreshold()),
                prometheus,
                clock),
            revisions,
            prometheus,
            new StatusComposer(clock),
            new RolloutAnnouncer(events, new OperatorMetrics(registry)),
            listener);
    operator.register(
        new ChatbotDeploymentReconciler(step, events, imageEvents, metadataClient),
        c -> {
          if (config.namespaces().isEmpty()) {
            c.watchingAllNamespaces();
          } else {
            c.settingNamespaces(config.namespaces());
          }
          c.withReconciliationMaxInterval(config.resyncInterval());
          if (TrimmedItemStore.oneInformerFor(config.namespaces())) {
            c.withItemStore(new TrimmedItemStore<>());
          }
        });
  }

  public void start() {
    log.info(
        "starting operator namespaces={} leaderElection={} lease={}/{} ssa={}",
        config.namespaces().isEmpty() ? "all" : config.namespaces(),
        config.leaderElection(),
        config.leaseNamespace(),
        config.leaseName(),
        config.serverSideApply());
    operator.start();
  }

  /** This replica's leader-election identity. */
  public String identity() {
    return identity;
  }

  public Operator operator() {
    return operator;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    log.info("stopping operator: in-flight reconciles finish first");
    operator.stop();
    resolutions.close();
    metadataClient.close();
  }
}
