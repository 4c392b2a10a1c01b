package dev.chatbot.operator.cli;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.config.BundledAppImage;
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

  /** Exit code 2 when the file cannot be read at all (distinct from an invalid CR). */
  static boolean unreadable(Path file, PrintWriter err) {
    if (!"-".equals(file.toString()) && !Files.isReadable(file)) {
      err.println("error: cannot read " + file + ": no such file or not readable");
      return true;
    }
    return false;
  }

  static ChatbotDeployment load(Path file, PrintWriter err) {
    return load(file, null, err);
  }

  /**
   * The CR as the operator would run it (bundled app image filled in, see BundledAppImage), in
   * {@code namespace} when given (like kubectl -n: the file's own namespace must then agree), else
   * its own or "default"; null after printing why it cannot be used.
   */
  static ChatbotDeployment load(Path file, String namespace, PrintWriter err) {
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
      String own = cr.getMetadata().getNamespace();
      if (namespace != null && own != null && !own.equals(namespace)) {
        err.println(
            "error: the namespace of "
                + file
                + " ("
                + own
                + ") does not match --namespace "
                + namespace);
        return null;
      }
      cr.getMetadata().setNamespace(namespace != null ? namespace : own != null ? own : "default");
      cr = BundledAppImage.fromEnvironment().applyTo(cr);
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
