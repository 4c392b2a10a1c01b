package dev.chatbot.operator.reconciler;

/**
 * Why the operator will not roll out this spec at all: reported in status, nothing is applied.
 *
 * @param reason the Ready condition's reason, e.g. InvalidSpec
 * @param message names the field or the missing object
 */
public record Blocker(String reason, String message) {}
