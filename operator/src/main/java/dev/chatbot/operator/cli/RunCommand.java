package dev.chatbot.operator.cli;

import dev.chatbot.operator.config.OperatorConfig;
import dev.chatbot.operator.registry.ImageDigestResolver;
import dev.chatbot.operator.runtime.OperatorClient;
import dev.chatbot.operator.runtime.OperatorRuntime;
import dev.chatbot.operator.runtime.ProbeServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** Runs the operator until SIGTERM; configuration comes from CHATBOT_OPERATOR_* variables. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the operator (configured by CHATBOT_OPERATOR_* environment variables, see docs/operator.md).")
final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Override
  public Integer call() {
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    KubernetesClient client = OperatorClient.builder().build();
    OperatorRuntime runtime =
        new OperatorRuntime(
            config,
            client,
            ImageDigestResolver.standard(config.registry().settings()),
            Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    try (ProbeServer probes =
        new ProbeServer(config.httpPort(), runtime.operator(), runtime.registry())) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    runtime.close();
                    client.close();
                    stopped.countDown();
                  },
                  "shutdown"));
      log.info("probes and metrics on port {}", probes.port());
      runtime.start();
      stopped.await();
    } catch (Exception e) {
      log.error("operator stopped: {}", e.toString(), e);
      return 1;
    }
    return 0;
  }
}
