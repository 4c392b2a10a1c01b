package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVarSource;

/** One extra environment variable, as in a container spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.value) && has(self.valueFrom))",
    message = "env entries take value or valueFrom, not both",
    reason = "FieldValueInvalid")
public class EnvVarSpec {

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Variable name.")
  private String name;

  @Size(max = 32768)
  @JsonPropertyDescription("Literal value.")
  private String value;

  @JsonPropertyDescription(
      "Value from a Secret, ConfigMap or field; referenced Secrets and ConfigMaps roll the pods"
          + " when they change.")
  private EnvVarSource valueFrom;

  public EnvVarSpec() {}

  public EnvVarSpec(String name, String value) {
    this.name = name;
    this.value = value;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public EnvVarSource getValueFrom() {
    return valueFrom;
  }

  public void setValueFrom(EnvVarSource valueFrom) {
    this.valueFrom = valueFrom;
  }
}
