package dev.chatbot.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A chat assistant run by the operator: one hardened, digest-pinned chatbot-app workload.
 *
 * <p>Printer column order is set by {@code CrdWriter}, not by the order of these annotations.
 */
@Group(ChatbotDeployment.GROUP)
@Version(ChatbotDeployment.VERSION)
@Plural("chatbotdeployments")
@ShortNames("cbd")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Revision",
    jsonPath = ".status.currentRevision",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Digest",
    jsonPath = ".status.image.shortDigest",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.ready",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
public class ChatbotDeployment
    extends CustomResource<ChatbotDeploymentSpec, ChatbotDeploymentStatus> implements Namespaced {

  public static final String GROUP = "chatbot.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  protected ChatbotDeploymentStatus initStatus() {
    return new ChatbotDeploymentStatus();
  }
}
