package dev.chatbot.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImagePinTest {

  private static final String DIGEST =
      "sha256:3f0a8c3e9b1d4e7a6c5b2f8e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c";

  @Test
  void pinsTheRepositoryByDigestIgnoringTheTag() {
    ImageSpec image = new ImageSpec();
    image.setRepository("ghcr.io/acme/chatbot-app");
    image.setTag("1.2.3");

    assertThat(ImagePin.reference(image, DIGEST)).isEqualTo("ghcr.io/acme/chatbot-app@" + DIGEST);
  }

  @Test
  void fallsBackToTheBundledRepository() {
    ImageSpec image = new ImageSpec();
    image.setRepository(null);

    assertThat(ImagePin.reference(image, DIGEST))
        .isEqualTo(ImageSpec.DEFAULT_REPOSITORY + "@" + DIGEST);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "latest",
        "sha256:3F0A8C3E9B1D4E7A6C5B2F8E1D0C9B8A7F6E5D4C3B2A1F0E9D8C7B6A5F4E3D2C",
        "sha256:3f0a8c",
        "sha512:3f0a8c3e9b1d4e7a6c5b2f8e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c"
      })
  void refusesAnythingButASha256Digest(String digest) {
    ImageSpec image = new ImageSpec();

    assertThatThrownBy(() -> ImagePin.reference(image, digest))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha256");
  }
}
