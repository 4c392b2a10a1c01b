package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

/** The app settings of the running revision (after a rollback: the known-good revision's). */
public final class AppConfigMap {

  private AppConfigMap() {}

  public static ConfigMap build(ChatbotDeployment cr, RevisionSnapshot revision) {
    return new ConfigMapBuilder()
        .withMetadata(ChildMetadata.of(cr, ResourceNames.of(cr).configMap()))
        .withData(revision.settings())
        .build();
  }
}
