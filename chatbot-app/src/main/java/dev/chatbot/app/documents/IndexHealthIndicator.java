package dev.chatbot.app.documents;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness "index": DOWN until the background build of the embedding index is done. */
@Component("index")
public class IndexHealthIndicator implements HealthIndicator {

  private final DocumentIndex index;

  public IndexHealthIndicator(DocumentIndex index) {
    this.index = index;
  }

  @Override
  public Health health() {
    return (index.isBuilt() ? Health.up() : Health.down())
        .withDetail("chunks", index.size())
        .withDetail("embeddingModel", index.modelId())
        .build();
  }
}
