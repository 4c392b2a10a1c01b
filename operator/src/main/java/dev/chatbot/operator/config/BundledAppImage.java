package dev.chatbot.operator.config;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.DigestPolicy;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The chatbot-app image this operator release runs when a CR names none: recorded by the build from
 * the app image it made in the same reactor (images/bundled-app.sh), so a CR without {@code
 * spec.image} runs the app of this release pinned by digest. A registry mirror can relocate it
 * ({@code CHATBOT_OPERATOR_APP_IMAGE_REPOSITORY}, {@code _DIGEST}, set by the Helm chart).
 *
 * @param repository repository of the bundled app image
 * @param digest its digest; empty when this build made no app image (then CRs must pin one)
 */
public record BundledAppImage(String repository, Optional<String> digest) {

  static final String RESOURCE = "bundled-app.properties";
  private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  public BundledAppImage {
    if (repository == null || repository.isBlank()) {
      throw new IllegalArgumentException("the bundled app image needs a repository");
    }
    digest.ifPresent(
        d -> {
          if (!DIGEST.matcher(d).matches()) {
            throw new IllegalArgumentException(
                "the bundled app image digest must be sha256:<64 hex>, got '" + d + "'");
          }
        });
  }

  public BundledAppImage withRepository(String value) {
    return new BundledAppImage(value, digest);
  }

  public static BundledAppImage fromEnvironment() {
    return from(System.getenv());
  }

  /** What the build recorded in the jar, relocated by the environment when it says so. */
  static BundledAppImage from(Map<String, String> env) {
    BundledAppImage built = fromClasspath();
    String repository = env.get(OperatorConfig.PREFIX + "APP_IMAGE_REPOSITORY");
    String digest = env.get(OperatorConfig.PREFIX + "APP_IMAGE_DIGEST");
    return new BundledAppImage(
        blank(repository) ? built.repository() : repository.trim(),
        blank(digest) ? built.digest() : Optional.of(digest.trim()));
  }

  static BundledAppImage fromClasspath() {
    Properties p = new Properties();
    try (InputStream in = BundledAppImage.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String digest = p.getProperty("digest", "");
    return new BundledAppImage(
        p.getProperty("repository", ImageSpec.DEFAULT_REPOSITORY),
        blank(digest) ? Optional.empty() : Optional.of(digest.trim()));
  }

  /**
   * The CR as the operator runs it, like an admission default: a CR that names no repository runs
   * this image's repository, and with no digest, no tag and digestPolicy Require, this image's
   * digest. Returns a copy when it fills anything; never written back (Git stays the source).
   */
  public ChatbotDeployment applyTo(ChatbotDeployment cr) {
    if (cr.getSpec() == null
        || (cr.getSpec().getImage() != null && cr.getSpec().getImage().getRepository() != null)) {
      return cr;
    }
    ChatbotDeployment copy = SERIALIZATION.clone(cr);
    if (copy.getSpec().getImage() == null) {
      copy.getSpec().setImage(new ImageSpec());
    }
    ImageSpec image = copy.getSpec().getImage();
    image.setRepository(repository);
    if (image.getDigest() == null
        && image.getTag() == null
        && image.getDigestPolicy() != DigestPolicy.Resolve) {
      digest.ifPresent(image::setDigest);
    }
    return copy;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
