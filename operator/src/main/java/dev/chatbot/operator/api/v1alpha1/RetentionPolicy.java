package dev.chatbot.operator.api.v1alpha1;

/** What happens to the PVCs when the ChatbotDeployment is deleted. */
public enum RetentionPolicy {
  /** The PVCs stay (not owned by the CR), so documents survive a delete and re-create. */
  Retain,
  /** The PVCs are owned by the CR and garbage-collected with it. */
  Delete
}
