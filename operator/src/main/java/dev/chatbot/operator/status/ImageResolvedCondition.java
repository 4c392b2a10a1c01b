package dev.chatbot.operator.status;

/**
 * The ImageResolved condition of one reconcile (digestPolicy Resolve).
 *
 * @param status True, False or Unknown
 * @param reason Resolved, Resolving, or a registry.RegistryFailure name
 * @param message what was resolved to what, or why not
 */
public record ImageResolvedCondition(String status, String reason, String message) {}
