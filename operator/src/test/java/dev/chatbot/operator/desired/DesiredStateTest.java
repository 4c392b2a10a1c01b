package dev.chatbot.operator.desired;

import static dev.chatbot.operator.testing.TestCrs.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesiredStateTest {

  @Test
  void rendersTheDefaultSetOfObjectsInCreationOrder() {
    List<HasMetadata> all = render(TestCrs.minimal()).all();

    assertThat(all)
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly(
            "ServiceAccount/chat",
            "ConfigMap/chat-config",
            "PersistentVolumeClaim/chat-uploads",
            "PersistentVolumeClaim/chat-exports",
            "Deployment/chat",
            "Service/chat",
            "NetworkPolicy/chat");
  }

  @Test
  void labelsEveryObjectAsManagedByTheOperatorInTheCrsNamespace() {
    List<HasMetadata> all = render(TestCrs.minimal()).all();

    assertThat(all)
        .allSatisfy(
            o -> {
              assertThat(o.getMetadata().getNamespace()).isEqualTo(TestCrs.NAMESPACE);
              assertThat(o.getMetadata().getLabels())
                  .containsEntry("app.kubernetes.io/managed-by", "chatbot-operator")
                  .containsEntry("app.kubernetes.io/instance", TestCrs.NAME);
            });
  }
}
