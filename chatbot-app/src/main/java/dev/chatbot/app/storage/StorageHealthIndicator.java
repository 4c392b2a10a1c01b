package dev.chatbot.app.storage;

import dev.chatbot.app.config.ChatbotProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness: the uploads and exports volumes are mounted and writable (component "storage"). */
@Component("storage")
public class StorageHealthIndicator implements HealthIndicator {

  private final ChatbotProperties properties;

  public StorageHealthIndicator(ChatbotProperties properties) {
    this.properties = properties;
  }

  @Override
  public Health health() {
    boolean uploads = writable(properties.uploadsDir());
    boolean exports = writable(properties.exportsDir());
    Health.Builder builder = uploads && exports ? Health.up() : Health.down();
    return builder
        .withDetail("uploadsWritable", uploads)
        .withDetail("exportsWritable", exports)
        .build();
  }

  private static boolean writable(Path dir) {
    return Files.isDirectory(dir) && Files.isWritable(dir);
  }
}
