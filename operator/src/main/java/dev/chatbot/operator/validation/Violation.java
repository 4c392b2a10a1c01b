package dev.chatbot.operator.validation;

/**
 * One reason a spec cannot be deployed.
 *
 * @param field JSON path of the offending field, e.g. {@code spec.image.digest}
 * @param reason Kubernetes-style cause, e.g. {@code FieldValueInvalid}
 * @param message what is wrong and how to fix it, for a human
 */
public record Violation(String field, String reason, String message) {

  static Violation invalid(String field, String message) {
    return new Violation(field, "FieldValueInvalid", message);
  }

  static Violation required(String field, String message) {
    return new Violation(field, "FieldValueRequired", message);
  }

  @Override
  public String toString() {
    return field + ": " + message + " (" + reason + ")";
  }
}
