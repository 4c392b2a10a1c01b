package dev.chatbot.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the operator jar: the operator itself, or the offline render/validate tools. */
@Command(
    name = "chatbot-operator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Runs ChatbotDeployments on Kubernetes. Without a subcommand it runs the operator.",
    subcommands = {RunCommand.class, RenderCommand.class, ValidateCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("render") || args[0].equals("validate"))) {
      // Before any logger exists: stdout of the offline commands is their output only.
      System.setProperty("CHATBOT_OPERATOR_LOG_LEVEL", "OFF");
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    new RunCommand().call();
  }
}
