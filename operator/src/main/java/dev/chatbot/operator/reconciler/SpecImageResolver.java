package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentStatus;
import dev.chatbot.operator.api.v1alpha1.DigestPolicy;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import dev.chatbot.operator.registry.ImageDigestResolver;
import dev.chatbot.operator.registry.RegistryException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The digest pin of the spec's image: its own digest, or its tag resolved once per generation. */
public class SpecImageResolver {

  private static final Logger log = LoggerFactory.getLogger(SpecImageResolver.class);

  private final ImageDigestResolver resolver;

  /**
   * Tag resolutions of this process, per CR generation. Status holds the same for restarts; this
   * covers reconciles that run before the status write is back in the informer cache.
   */
  private final Map<String, String> resolved = new ConcurrentHashMap<>();

  public SpecImageResolver(ImageDigestResolver resolver) {
    this.resolver = resolver;
  }

  public ImageStatus pin(ChatbotDeployment cr) throws RegistryException {
    ImageSpec spec = cr.getSpec().getImage();
    if (spec.getDigest() != null) {
      return new ImageStatus(spec.getDigest(), null);
    }
    ChatbotDeploymentStatus status = cr.getStatus();
    if (spec.getDigestPolicy() == DigestPolicy.Resolve
        && status != null
        && status.getImage() != null
        && status.getImage().getDigest() != null
        && Objects.equals(status.getImage().getResolvedFrom(), spec.getTag())
        && Objects.equals(status.getObservedGeneration(), cr.getMetadata().getGeneration())) {
      return status.getImage();
    }
    String key =
        cr.getMetadata().getUid() + "/" + cr.getMetadata().getGeneration() + "/" + spec.getTag();
    String known = resolved.get(key);
    if (known != null) {
      return new ImageStatus(known, spec.getTag());
    }
    String digest = resolver.resolve(spec);
    if (resolved.size() > 10_000) {
      resolved.clear();
    }
    resolved.put(key, digest);
    log.info(
        "resolved {}:{} to {} for {}/{}",
        spec.getRepository(),
        spec.getTag(),
        digest,
        cr.getMetadata().getNamespace(),
        cr.getMetadata().getName());
    return new ImageStatus(digest, spec.getTag());
  }
}
