package dev.chatbot.operator.cli;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks a CR offline with the same rules as the CRD and the reconciler. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check a ChatbotDeployment offline. Exit 0 when valid, 1 when not (reasons on stderr).")
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      description = "The ChatbotDeployment YAML ('-' for stdin).")
  Path file;

  @Override
  public Integer call() {
    if (CrFile.unreadable(file, spec.commandLine().getErr())) {
      return CrFile.UNREADABLE;
    }
    ChatbotDeployment cr = CrFile.load(file, spec.commandLine().getErr());
    if (cr == null) {
      return CrFile.INVALID;
    }
    spec.commandLine()
        .getOut()
        .println("ok: ChatbotDeployment " + cr.getMetadata().getName() + " is valid");
    return CrFile.OK;
  }
}
