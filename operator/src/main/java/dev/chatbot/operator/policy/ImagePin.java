package dev.chatbot.operator.policy;

import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import java.util.regex.Pattern;

/** The only image reference that reaches a pod: repository@sha256:digest, never a tag. */
public final class ImagePin {

  private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");

  private ImagePin() {}

  public static String reference(ImageSpec image, String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException(
          "refusing to run an image without a sha256 digest: " + digest);
    }
    String repository =
        image.getRepository() == null ? ImageSpec.DEFAULT_REPOSITORY : image.getRepository();
    return repository + "@" + digest;
  }
}
