package dev.chatbot.operator.validation;

import java.util.List;
import java.util.regex.Pattern;

/** Checks every spec block uses: list and string sizes, integer ranges, object names. */
final class FieldRules {

  static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private FieldRules() {}

  static void maxItems(String path, int size, int max, List<Violation> out) {
    if (size > max) {
      out.add(Violation.invalid(path, "at most " + max + " entries, got " + size));
    }
  }

  static void maxLength(String path, String value, int max, List<Violation> out) {
    if (value != null && value.length() > max) {
      out.add(Violation.invalid(path, "at most " + max + " characters, got " + value.length()));
    }
  }

  static void range(String path, Integer value, int min, int max, List<Violation> out) {
    if (value != null && (value < min || value > max)) {
      out.add(Violation.invalid(path, "must be between " + min + " and " + max + ", got " + value));
    }
  }

  static void name(String path, String name, List<Violation> out) {
    if (name == null || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      out.add(
          Violation.invalid(
              path,
              "'"
                  + name
                  + "' is not a valid Kubernetes object name (lowercase letters, digits, '-', '.')"));
    }
  }
}
