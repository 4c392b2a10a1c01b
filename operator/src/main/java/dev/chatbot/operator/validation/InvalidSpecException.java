package dev.chatbot.operator.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A ChatbotDeployment that cannot be deployed, with every reason found. */
public class InvalidSpecException extends RuntimeException {

  private final transient List<Violation> violations;

  public InvalidSpecException(List<Violation> violations) {
    super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
