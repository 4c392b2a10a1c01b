package dev.chatbot.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileErrorsTest {

  @Test
  void namesTheObjectAndQuotesTheApiServerThroughJosdksWrapping() {
    var denied =
        new KubernetesClientException(
            "Failure executing: PATCH at: https://127.0.0.1/api/v1/namespaces/chat/services/chat",
            403,
            new StatusBuilder()
                .withMessage("services \"chat\" is forbidden: only port 80 may be exposed")
                .withNewDetails()
                .withKind("services")
                .withName("chat")
                .endDetails()
                .build());
    var wrapped =
        new OperatorException(
            new AggregatedOperatorException("workflow failed", Map.of("service", denied)));

    String message = ReconcileErrors.describe(wrapped);

    assertThat(message)
        .isEqualTo(
            "services chat: services \"chat\" is forbidden: only port 80 may be exposed (HTTP 403)");
  }

  @Test
  void anErrorWithoutAnApiResponseKeepsItsFirstLine() {
    assertThat(ReconcileErrors.describe(new IllegalStateException("boom\nat x")))
        .isEqualTo("IllegalStateException: boom");
  }
}
