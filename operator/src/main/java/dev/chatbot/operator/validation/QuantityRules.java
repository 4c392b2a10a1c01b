package dev.chatbot.operator.validation;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses Kubernetes quantities strictly: the API server refuses what fabric8 would tolerate. */
final class QuantityRules {

  // The API server's own grammar (k8s.io/apimachinery resource.Quantity), sign excluded.
  private static final Pattern QUANTITY =
      Pattern.compile(
          "^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][-+]?[0-9]+))?$");

  private QuantityRules() {}

  /** The amount in base units, or empty when the text is not a valid non-negative quantity. */
  static Optional<BigDecimal> amount(String text) {
    if (text == null || !QUANTITY.matcher(text.trim()).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Quantity.getAmountInBytes(new Quantity(text.trim())));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  static Optional<BigDecimal> amount(Quantity quantity) {
    return quantity == null ? Optional.empty() : amount(quantity.toString());
  }
}
