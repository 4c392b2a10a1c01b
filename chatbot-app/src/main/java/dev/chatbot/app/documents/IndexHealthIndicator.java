package dev.chatbot.app.documents;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness: the embedding index has been loaded from the uploads volume (component "index"). */
@Component("index")
public class IndexHealthIndicator implements HealthIndicator {

  private final DocumentIndex index;

  public IndexHealthIndicator(DocumentIndex index) {
    this.index = index;
  }

  @Override
  public Health health() {
    return (index.isLoaded() ? Health.up() : Health.down())
        .withDetail("chunks", index.size())
        .build();
  }
}
