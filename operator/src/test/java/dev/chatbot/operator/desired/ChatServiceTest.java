package dev.chatbot.operator.desired;

import static dev.chatbot.operator.testing.TestCrs.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ServiceSpec;
import dev.chatbot.operator.api.v1alpha1.ServiceType;
import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import org.junit.jupiter.api.Test;

class ChatServiceTest {

  @Test
  void exposesPort80OnTheContainersNamedHttpPort() {
    DesiredState state = render(TestCrs.minimal());

    Service service = state.service();

    ServicePort port = service.getSpec().getPorts().get(0);
    assertThat(service.getSpec().getPorts()).hasSize(1);
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(port.getPort()).isEqualTo(80);
    assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    assertThat(
            state.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo(port.getTargetPort().getStrVal());
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
    assertThat(service.getSpec().getSelector())
        .isEqualTo(state.deployment().getSpec().getSelector().getMatchLabels());
  }

  @Test
  void takesTypeAndPortFromTheSpec() {
    ChatbotDeployment cr = withService(ServiceType.NodePort, 8443);

    Service service = render(cr).service();

    assertThat(service.getSpec().getType()).isEqualTo("NodePort");
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(8443);
  }

  @Test
  void endpointIsTheInClusterUrlOfTheService() {
    assertThat(ChatService.endpoint(TestCrs.minimal())).isEqualTo("http://chat.team.svc:80");
    assertThat(ChatService.endpoint(withService(ServiceType.ClusterIP, 9000)))
        .isEqualTo("http://chat.team.svc:9000");
  }

  private static ChatbotDeployment withService(ServiceType type, int port) {
    return TestCrs.with(
        spec -> {
          ServiceSpec service = new ServiceSpec();
          service.setType(type);
          service.setPort(port);
          spec.setService(service);
        });
  }
}
