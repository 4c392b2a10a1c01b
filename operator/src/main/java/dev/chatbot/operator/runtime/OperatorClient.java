package dev.chatbot.operator.runtime;

import dev.chatbot.operator.inputs.CompactFieldsV1;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** The Kubernetes client the operator runs with: fabric8's, reading managedFields compactly. */
public final class OperatorClient {

  private OperatorClient() {}

  /** A builder for the operator's client; the caller adds its configuration, if any. */
  public static KubernetesClientBuilder builder() {
    return new KubernetesClientBuilder()
        .withKubernetesSerialization(CompactFieldsV1.serialization());
  }
}
