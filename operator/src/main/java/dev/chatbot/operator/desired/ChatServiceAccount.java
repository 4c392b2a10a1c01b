package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/** The pods' own identity, with no API token mounted: the chat app never calls the API server. */
public final class ChatServiceAccount {

  private ChatServiceAccount() {}

  public static ServiceAccount build(ChatbotDeployment cr) {
    return new ServiceAccountBuilder()
        .withMetadata(ChildMetadata.of(cr, ResourceNames.of(cr).serviceAccount()))
        .withAutomountServiceAccountToken(false)
        .build();
  }
}
