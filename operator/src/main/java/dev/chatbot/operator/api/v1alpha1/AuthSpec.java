package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Credentials for the chat API and UI. */
public class AuthSpec {

  @Required
  @JsonPropertyDescription(
      "Secret whose key 'users' lists one 'name:{bcrypt}hash' or 'name:{noop}password' per line"
          + " and optional key 'api-keys' one Bearer API key '[name:]key' per line; mounted"
          + " read-only, its content rolls the pods.")
  private LocalObjectRef secretRef;

  public LocalObjectRef getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(LocalObjectRef secretRef) {
    this.secretRef = secretRef;
  }
}
