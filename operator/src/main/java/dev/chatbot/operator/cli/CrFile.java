package dev.chatbot.operator.cli;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.validation.InvalidSpecException;
import dev.chatbot.operator.validation.ManifestReader;
import dev.chatbot.operator.validation.SpecValidator;
import dev.chatbot.operator.validation.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads and checks the CR file given to render/validate, reporting problems on stderr. */
final class CrFile {

  static final int OK = 0;
  static final int INVALID = 1;
  static final int UNREADABLE = 2;

  private CrFile() {}

  /** The checked CR, or null after printing why it cannot be used. */
  /** Exit code 2 when the file cannot be read at all (distinct from an invalid CR). */
  static boolean unreadable(Path file, PrintWriter err) {
    if (!"-".equals(file.toString()) && !Files.isReadable(file)) {
      err.println("error: cannot read " + file + ": no such file or not readable");
      return true;
    }
    return false;
  }

  static ChatbotDeployment load(Path file, PrintWriter err) {
    String text;
    try {
      text =
          "-".equals(file.toString())
              ? new String(System.in.readAllBytes())
              : Files.readString(file);
    } catch (IOException e) {
      err.println("error: cannot read " + file + ": " + e.getMessage());
      return null;
    }
    try {
      ChatbotDeployment cr = new ManifestReader().read(text);
      if (cr.getMetadata().getNamespace() == null) {
        cr.getMetadata().setNamespace("default");
      }
      List<Violation> violations = new SpecValidator().validate(cr);
      if (!violations.isEmpty()) {
        throw new InvalidSpecException(violations);
      }
      return cr;
    } catch (InvalidSpecException e) {
      report(file, e.violations(), err);
      return null;
    }
  }

  static void report(Path file, List<Violation> violations, PrintWriter err) {
    err.println("error: " + file + " is not a valid ChatbotDeployment:");
    for (Violation v : violations) {
      err.println(
          "  "
              + (v.field().isEmpty() ? "" : v.field() + ": ")
              + v.message()
              + " ("
              + v.reason()
              + ")");
    }
  }
}
