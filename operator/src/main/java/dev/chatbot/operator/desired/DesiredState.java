package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every object one ChatbotDeployment should have, as a pure function of the CR and the facts
 * gathered for it. The reconciler's dependents and the `render` command both read it, so what
 * `render` prints is what the operator applies.
 */
public final class DesiredState {

  /** Key under which the reconciler hands this to its dependents. */
  public static final String CONTEXT_KEY = "chatbot.dev/desired-state";

  private final ChatbotDeployment cr;
  private final RenderFacts facts;
  private final RevisionSnapshot specRevision;

  private DesiredState(ChatbotDeployment cr, RenderFacts facts) {
    this.cr = cr;
    this.facts = facts;
    this.specRevision = PodTemplateBuilder.build(cr, facts);
  }

  public static DesiredState of(ChatbotDeployment cr, RenderFacts facts) {
    return new DesiredState(cr, facts);
  }

  public ChatbotDeployment cr() {
    return cr;
  }

  public RenderFacts facts() {
    return facts;
  }

  /** The revision the spec asks for. */
  public RevisionSnapshot specRevision() {
    return specRevision;
  }

  /** The revision to run: the spec's, or a stored one during a rollback. */
  public RevisionSnapshot runningRevision() {
    return facts.rollbackTo().orElse(specRevision);
  }

  public ServiceAccount serviceAccount() {
    return ChatServiceAccount.build(cr);
  }

  public ConfigMap configMap() {
    return AppConfigMap.build(cr, runningRevision());
  }

  public Optional<PersistentVolumeClaim> uploadsClaim() {
    return DataVolumeClaim.build(
        cr, StorageLayout.uploads(cr.getSpec()), ResourceNames.of(cr).uploadsClaim());
  }

  public Optional<PersistentVolumeClaim> exportsClaim() {
    return DataVolumeClaim.build(
        cr, StorageLayout.exports(cr.getSpec()), ResourceNames.of(cr).exportsClaim());
  }

  public Deployment deployment() {
    return ChatDeployment.build(cr, runningRevision());
  }

  public Service service() {
    return ChatService.build(cr);
  }

  public Optional<NetworkPolicy> networkPolicy() {
    return ChatNetworkPolicy.build(cr);
  }

  public Optional<PodDisruptionBudget> podDisruptionBudget() {
    return ChatDisruptionBudget.build(cr);
  }

  public Optional<GenericKubernetesResource> serviceMonitor() {
    return PrometheusObjects.serviceMonitor(cr, facts);
  }

  public Optional<GenericKubernetesResource> prometheusRule() {
    return PrometheusObjects.prometheusRule(cr, facts);
  }

  /** All objects, in the order they are created. */
  public List<HasMetadata> all() {
    List<HasMetadata> all = new ArrayList<>();
    all.add(serviceAccount());
    all.add(configMap());
    uploadsClaim().ifPresent(all::add);
    exportsClaim().ifPresent(all::add);
    all.add(deployment());
    all.add(service());
    networkPolicy().ifPresent(all::add);
    podDisruptionBudget().ifPresent(all::add);
    serviceMonitor().ifPresent(all::add);
    prometheusRule().ifPresent(all::add);
    return all;
  }
}
