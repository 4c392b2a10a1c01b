package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentStatus;
import dev.chatbot.operator.api.v1alpha1.RetentionPolicy;
import dev.chatbot.operator.dependent.ConfigMapDependentResource;
import dev.chatbot.operator.dependent.DataClaimDependentResource;
import dev.chatbot.operator.dependent.DeploymentDependentResource;
import dev.chatbot.operator.dependent.DisruptionBudgetDependentResource;
import dev.chatbot.operator.dependent.ExportsClaimDependentResource;
import dev.chatbot.operator.dependent.NetworkPolicyDependentResource;
import dev.chatbot.operator.dependent.ServiceAccountDependentResource;
import dev.chatbot.operator.dependent.ServiceDependentResource;
import dev.chatbot.operator.dependent.UploadsClaimDependentResource;
import dev.chatbot.operator.desired.StorageLayout;
import dev.chatbot.operator.inputs.ReferencedObjects;
import dev.chatbot.operator.inputs.TrimmedItemStore;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.naming.ResourceNames;
import dev.chatbot.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JOSDK glue: event sources, the workflow of owned objects, and cleanup. The decisions live in
 * {@link ReconcileStep}; this class only wires them to the framework.
 */
// Not generation-aware: the chatbot.dev/rollback-to and chatbot.dev/retry annotations change no
// generation but must be acted on. Reconciles caused by our own status writes end in no-ops.
@ControllerConfiguration(
    name = ChatbotDeploymentReconciler.NAME,
    generationAwareEventProcessing = false)
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "service-account", type = ServiceAccountDependentResource.class),
      @Dependent(name = "config", type = ConfigMapDependentResource.class),
      @Dependent(
          name = "uploads-claim",
          type = UploadsClaimDependentResource.class,
          reconcilePrecondition = DataClaimDependentResource.Wanted.class),
      @Dependent(
          name = "exports-claim",
          type = ExportsClaimDependentResource.class,
          reconcilePrecondition = DataClaimDependentResource.Wanted.class),
      @Dependent(
          name = "deployment",
          type = DeploymentDependentResource.class,
          dependsOn = {"service-account", "config"}),
      @Dependent(name = "service", type = ServiceDependentResource.class),
      @Dependent(
          name = "network-policy",
          type = NetworkPolicyDependentResource.class,
          reconcilePrecondition = NetworkPolicyDependentResource.Enabled.class),
      @Dependent(
          name = "disruption-budget",
          type = DisruptionBudgetDependentResource.class,
          reconcilePrecondition = DisruptionBudgetDependentResource.MultipleReplicas.class)
    })
public class ChatbotDeploymentReconciler
    implements Reconciler<ChatbotDeployment>, Cleaner<ChatbotDeployment> {

  public static final String NAME = "chatbotdeployment";
  private static final Logger log = LoggerFactory.getLogger(ChatbotDeploymentReconciler.class);

  private final ReconcileStep step;
  private final EventRecorder events;
  private final ImageResolutionEvents imageResolutions;
  private final KubernetesClient metadataClient;
  private ReferencedObjects referenced;
  private InformerEventSource<Pod, ChatbotDeployment> pods;
  private InformerEventSource<ControllerRevision, ChatbotDeployment> revisions;

  /**
   * @param metadataClient a {@link dev.chatbot.operator.inputs.MetadataOnlyClient} for {@link
   *     ReferencedObjects#PLURALS}
   */
  public ChatbotDeploymentReconciler(
      ReconcileStep step,
      EventRecorder events,
      ImageResolutionEvents imageResolutions,
      KubernetesClient metadataClient) {
    this.step = step;
    this.events = events;
    this.imageResolutions = imageResolutions;
    this.metadataClient = metadataClient;
  }

  @Override
  public List<EventSource<?, ChatbotDeployment>> prepareEventSources(
      EventSourceContext<ChatbotDeployment> context) {
    referenced = ReferencedObjects.watch(context, metadataClient);
    boolean trimmed = TrimmedItemStore.oneInformerFor(ReferencedObjects.watchedNamespaces(context));
    // Pods are owned by ReplicaSets, not by the CR: map them back through the instance label.
    pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, ChatbotDeployment.class)
                .withName("chat-pods")
                .withLabelSelector(Labels.MANAGED_BY + "=" + Labels.OPERATOR)
                .withItemStore(trimmed ? new TrimmedItemStore<>() : null)
                .withSecondaryToPrimaryMapper(
                    pod ->
                        Optional.ofNullable(pod.getMetadata().getLabels())
                            .map(l -> l.get(Labels.INSTANCE))
                            .map(
                                name ->
                                    Set.of(new ResourceID(name, pod.getMetadata().getNamespace())))
                            .orElse(Set.of()))
                .build(),
            context);
    // Revision memory: only the operator writes it, and RevisionStore lays its own writes over
    // this cache, so no event needs to trigger a reconcile. A list limit makes the initial LIST a
    // consistent read (not the API server's possibly older watch cache): a restarted process sees
    // everything the previous one recorded.
    revisions =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ControllerRevision.class, ChatbotDeployment.class)
                .withName("revisions")
                .withLabelSelector(Labels.MANAGED_BY + "=" + Labels.OPERATOR)
                .withItemStore(trimmed ? new TrimmedItemStore<>() : null)
                .withInformerListLimit(500L)
                .withSecondaryToPrimaryMapper(revision -> Set.of())
                .build(),
            context);
    List<EventSource<?, ChatbotDeployment>> sources = new ArrayList<>(referenced.eventSources());
    sources.add(pods);
    sources.add(revisions);
    sources.add(imageResolutions);
    return sources;
  }

  @Override
  public UpdateControl<ChatbotDeployment> reconcile(
      ChatbotDeployment cr, Context<ChatbotDeployment> context) {
    return step.run(cr, context, new ClusterView(cr, context, referenced, pods, revisions));
  }

  @Override
  public ErrorStatusUpdateControl<ChatbotDeployment> updateErrorStatus(
      ChatbotDeployment cr, Context<ChatbotDeployment> context, Exception e) {
    // Conflicts and server errors are retried by JOSDK with backoff; say so in status meanwhile.
    log.warn(
        "reconcile of {}/{} failed, will retry: {}",
        cr.getMetadata().getNamespace(),
        cr.getMetadata().getName(),
        e.toString());
    ChatbotDeploymentStatus status = step.errorStatus(cr, e);
    if (status.equals(cr.getStatus())) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    cr.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(cr);
  }

  @Override
  public DeleteControl cleanup(ChatbotDeployment cr, Context<ChatbotDeployment> context) {
    var storage = cr.getSpec().getStorage();
    boolean delete = storage != null && storage.getRetentionPolicy() == RetentionPolicy.Delete;
    ResourceNames names = ResourceNames.of(cr);
    List<String> claims = new ArrayList<>();
    if (!StorageLayout.uploads(cr.getSpec()).usesExistingClaim()) {
      claims.add(names.uploadsClaim());
    }
    if (!StorageLayout.exports(cr.getSpec()).usesExistingClaim()) {
      claims.add(names.exportsClaim());
    }
    if (delete) {
      for (String claim : claims) {
        context
            .getClient()
            .persistentVolumeClaims()
            .inNamespace(cr.getMetadata().getNamespace())
            .withName(claim)
            .delete();
      }
      log.info("deleted PVCs {} of {}: retentionPolicy Delete", claims, cr.getMetadata().getName());
    } else {
      events.record(
          cr,
          EventRecorder.NORMAL,
          "VolumesRetained",
          "PVCs "
              + String.join(", ", claims)
              + " are kept (retentionPolicy Retain); delete them by hand when the data is no longer needed");
      log.info("kept PVCs {} of {}: retentionPolicy Retain", claims, cr.getMetadata().getName());
    }
    return DeleteControl.defaultDelete();
  }
}
