package dev.chatbot.operator.registry;

import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import java.time.Clock;
import java.util.Optional;

/** Turns image.tag into the digest it points to now (digestPolicy Resolve). */
public interface ImageDigestResolver {

  String resolve(ImageSpec image, Optional<RegistryCredentials> credentials)
      throws RegistryException;

  default String resolve(ImageSpec image) throws RegistryException {
    return resolve(image, Optional.empty());
  }

  static ImageDigestResolver standard() {
    return standard(RegistrySettings.defaults());
  }

  static ImageDigestResolver standard(RegistrySettings settings) {
    return new DistributionApiResolver(settings, Clock.systemUTC());
  }
}
