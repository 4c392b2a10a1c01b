package dev.chatbot.operator.dependent;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.policy.PodTemplateDrift;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat Deployment. Beyond JOSDK's matching (which only compares the fields the operator
 * manages), a live pod template with foreign fields a hand edit added is a mismatch too, and is
 * replaced wholesale: an apply alone would leave another manager's container or hostPath in place.
 */
@KubernetesDependent(informer = @Informer(labelSelector = OwnedObjects.SELECTOR))
public class DeploymentDependentResource
    extends CRUDKubernetesDependentResource<Deployment, ChatbotDeployment> {

  private static final Logger log = LoggerFactory.getLogger(DeploymentDependentResource.class);

  public DeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(ChatbotDeployment primary, Context<ChatbotDeployment> context) {
    return DesiredStateReader.of(context).deployment();
  }

  @Override
  public Matcher.Result<Deployment> match(
      Deployment actual,
      Deployment desired,
      ChatbotDeployment primary,
      Context<ChatbotDeployment> context) {
    if (!foreign(actual, desired).isEmpty()) {
      return Matcher.Result.nonComputed(false);
    }
    // Against server-side apply's managed fields the server's omissions matter; the update-based
    // matcher (no SSA) compares with what was sent, so it gets the desired object as it is.
    boolean ssa =
        context
            .getControllerConfiguration()
            .getConfigurationService()
            .ssaBasedCreateUpdateMatchForDependentResources();
    return super.match(actual, ssa ? OmittedZeroValues.of(desired) : desired, primary, context);
  }

  @Override
  public Deployment update(
      Deployment actual,
      Deployment desired,
      ChatbotDeployment primary,
      Context<ChatbotDeployment> context) {
    List<String> foreign = foreign(actual, desired);
    if (foreign.isEmpty()) {
      return super.update(actual, desired, primary, context);
    }
    log.warn(
        "reverting hand edit of Deployment {}/{}: {}",
        actual.getMetadata().getNamespace(),
        actual.getMetadata().getName(),
        String.join(", ", foreign));
    // A replace (PUT, guarded by the live resourceVersion) drops fields of other managers.
    Deployment replaced =
        new DeploymentBuilder(actual)
            .editMetadata()
            .withManagedFields(List.of())
            .endMetadata()
            .editSpec()
            .withTemplate(desired.getSpec().getTemplate())
            .endSpec()
            .build();
    Deployment result = context.getClient().resource(replaced).update();
    return super.update(result, desired, primary, context);
  }

  private static List<String> foreign(Deployment actual, Deployment desired) {
    return PodTemplateDrift.foreign(
        desired.getSpec().getTemplate(),
        actual.getSpec() == null ? null : actual.getSpec().getTemplate());
  }
}
