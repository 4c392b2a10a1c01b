package dev.chatbot.operator.api.v1alpha1;

/** How the image digest pin is obtained. */
public enum DigestPolicy {
  /** The CR must carry the digest; a CR without one is rejected. */
  Require,
  /** The tag is resolved to a digest through the registry; the result is recorded in status. */
  Resolve
}
