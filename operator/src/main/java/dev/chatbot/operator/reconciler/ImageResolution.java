package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import dev.chatbot.operator.status.ImageResolvedCondition;
import java.util.Optional;

/**
 * What the spec's image pins to in this reconcile, and what the ImageResolved condition says.
 *
 * @param pin the digest to deploy; empty when a tag has no resolution yet (nothing can roll out)
 * @param condition empty when the spec pins a digest itself (no ImageResolved condition)
 * @param movedFrom the previous digest, when this reconcile adopts a moved tag
 */
public record ImageResolution(
    Optional<ImageStatus> pin,
    Optional<ImageResolvedCondition> condition,
    Optional<String> movedFrom) {

  static ImageResolution pinned(ImageStatus pin) {
    return new ImageResolution(Optional.of(pin), Optional.empty(), Optional.empty());
  }
}
