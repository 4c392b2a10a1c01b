package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ServiceSpec;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The Service other in-cluster workloads call the chat API through. */
public final class ChatService {

  private ChatService() {}

  public static Service build(ChatbotDeployment cr) {
    ServiceSpec spec = serviceSpec(cr);
    return new ServiceBuilder()
        .withMetadata(ChildMetadata.of(cr, ResourceNames.of(cr).service()))
        .withNewSpec()
        .withType(spec.getType().name())
        .withSelector(Labels.selector(cr))
        .addNewPort()
        .withName("http")
        .withPort(spec.getPort())
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  /** In-cluster URL of the chat API, for status.endpoint. */
  public static String endpoint(ChatbotDeployment cr) {
    ServiceSpec spec = serviceSpec(cr);
    String url =
        "http://" + ResourceNames.of(cr).service() + "." + cr.getMetadata().getNamespace() + ".svc";
    return url + ":" + spec.getPort();
  }

  private static ServiceSpec serviceSpec(ChatbotDeployment cr) {
    return cr.getSpec().getService() == null ? new ServiceSpec() : cr.getSpec().getService();
  }
}
