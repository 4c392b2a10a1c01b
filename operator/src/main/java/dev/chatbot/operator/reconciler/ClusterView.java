package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.inputs.ReferencedObjects;
import dev.chatbot.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;

/** What one reconcile may read of the cluster: informer caches first, the API only where needed. */
public class ClusterView {

  private final ChatbotDeployment cr;
  private final Context<ChatbotDeployment> context;
  private final ReferencedObjects referenced;
  private final InformerEventSource<Pod, ChatbotDeployment> pods;
  private final InformerEventSource<ControllerRevision, ChatbotDeployment> revisions;

  public ClusterView(
      ChatbotDeployment cr,
      Context<ChatbotDeployment> context,
      ReferencedObjects referenced,
      InformerEventSource<Pod, ChatbotDeployment> pods,
      InformerEventSource<ControllerRevision, ChatbotDeployment> revisions) {
    this.cr = cr;
    this.context = context;
    this.referenced = referenced;
    this.pods = pods;
    this.revisions = revisions;
  }

  public KubernetesClient client() {
    return context.getClient();
  }

  private String namespace() {
    return cr.getMetadata().getNamespace();
  }

  public Optional<Secret> secret(String name) {
    return referenced.secret(namespace(), name);
  }

  public Optional<ConfigMap> configMap(String name) {
    return referenced.configMap(namespace(), name);
  }

  /**
   * The CR as the API server has it now. The informer's copy can lag behind a spec change; a
   * decision on the old spec would deploy, and could mark failed, a revision the user has left.
   */
  public ChatbotDeployment fresh(ChatbotDeployment cached) {
    ChatbotDeployment current =
        client()
            .resources(ChatbotDeployment.class)
            .inNamespace(namespace())
            .withName(cr.getMetadata().getName())
            .get();
    return current == null ? cached : current;
  }

  public Optional<Deployment> deployment() {
    return context.getSecondaryResource(Deployment.class);
  }

  public List<Pod> pods() {
    return pods.list(namespace(), this::ofThisCr).toList();
  }

  /**
   * The informer's ControllerRevisions of this CR (RevisionStore lays its own writes over them).
   */
  public List<ControllerRevision> storedRevisions() {
    return revisions.list(namespace(), this::ofThisCr).toList();
  }

  private boolean ofThisCr(HasMetadata object) {
    return cr.getMetadata().getName().equals(object.getMetadata().getLabels().get(Labels.INSTANCE));
  }
}
