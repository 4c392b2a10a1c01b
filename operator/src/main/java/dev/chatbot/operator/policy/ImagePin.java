package dev.chatbot.operator.policy;

import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import java.util.regex.Pattern;

/** The only image reference that reaches a pod: repository@sha256:digest, never a tag. */
public final class ImagePin {

  private static final Pattern DIGEST = Pattern.compile(ImageSpec.DIGEST_REGEX);

  private ImagePin() {}

  /** True for 'sha256:' followed by 64 lowercase hex characters. */
  public static boolean isDigest(String digest) {
    return digest != null && DIGEST.matcher(digest).matches();
  }

  public static String reference(ImageSpec image, String digest) {
    if (!isDigest(digest)) {
      throw new IllegalArgumentException(
          "refusing to run an image without a sha256 digest: " + digest);
    }
    String repository =
        image.getRepository() == null ? ImageSpec.DEFAULT_REPOSITORY : image.getRepository();
    return repository + "@" + digest;
  }
}
