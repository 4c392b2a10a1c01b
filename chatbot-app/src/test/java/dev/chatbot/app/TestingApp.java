package dev.chatbot.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real app on a random port over a data root, for restart-style tests. */
public final class TestingApp {

  private TestingApp() {}

  public static ConfigurableApplicationContext start(Path root, String... settings) {
    List<String> properties = new ArrayList<>();
    properties.add("SERVER_PORT=0");
    properties.add("CHATBOT_UPLOADS_DIR=" + root.resolve("uploads"));
    properties.add("CHATBOT_EXPORTS_DIR=" + root.resolve("exports"));
    properties.addAll(List.of(settings));
    return new SpringApplicationBuilder(ChatbotApplication.class)
        .properties(properties.toArray(String[]::new))
        .run();
  }

  /** A client of the started app, once it is ready (the index builds in the background). */
  public static TestingHttp client(ConfigurableApplicationContext context) {
    return new TestingHttp(
            Integer.parseInt(context.getEnvironment().getProperty("local.server.port")))
        .awaitReady();
  }
}
