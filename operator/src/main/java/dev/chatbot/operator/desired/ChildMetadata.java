package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Metadata of an object owned by a ChatbotDeployment: its namespace and the common labels. */
final class ChildMetadata {

  private ChildMetadata() {}

  static ObjectMeta of(ChatbotDeployment cr, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(cr.getMetadata().getNamespace())
        .withLabels(Labels.common(cr))
        .build();
  }
}
