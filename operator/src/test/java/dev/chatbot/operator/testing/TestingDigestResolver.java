package dev.chatbot.operator.testing;

import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.registry.ImageDigestResolver;
import dev.chatbot.operator.registry.RegistryCredentials;
import dev.chatbot.operator.registry.RegistryException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A registry in memory: tag -> digest, counting lookups. */
public final class TestingDigestResolver implements ImageDigestResolver {

  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private final AtomicInteger lookups = new AtomicInteger();

  public TestingDigestResolver tag(String repositoryAndTag, String digest) {
    tags.put(repositoryAndTag, digest);
    return this;
  }

  public int lookups() {
    return lookups.get();
  }

  @Override
  public String resolve(ImageSpec image, Optional<RegistryCredentials> credentials)
      throws RegistryException {
    lookups.incrementAndGet();
    String digest = tags.get(image.getRepository() + ":" + image.getTag());
    if (digest == null) {
      throw new RegistryException(
          dev.chatbot.operator.registry.RegistryFailure.NotFound,
          "tag " + image.getTag() + " not found in " + image.getRepository() + " (HTTP 404)");
    }
    return digest;
  }
}
