package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The Service in front of the chat pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceSpec {

  @Default("ClusterIP")
  @JsonPropertyDescription("ClusterIP (default), NodePort or LoadBalancer.")
  private ServiceType type = ServiceType.ClusterIP;

  @Default("80")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Service port in front of the app's port 8080 (default 80).")
  private Integer port = 80;

  public ServiceType getType() {
    return type;
  }

  public void setType(ServiceType type) {
    this.type = type;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }
}
