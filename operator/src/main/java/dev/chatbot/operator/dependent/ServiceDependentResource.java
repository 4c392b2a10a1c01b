package dev.chatbot.operator.dependent;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

@KubernetesDependent(informer = @Informer(labelSelector = OwnedObjects.SELECTOR))
public class ServiceDependentResource
    extends CRUDKubernetesDependentResource<Service, ChatbotDeployment> {

  public ServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected Service desired(ChatbotDeployment primary, Context<ChatbotDeployment> context) {
    return DesiredStateReader.of(context).service();
  }
}
