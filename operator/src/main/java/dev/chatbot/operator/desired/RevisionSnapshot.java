package dev.chatbot.operator.desired;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Map;

/**
 * What one revision runs: the pod template and the app settings it reads. Stored in a
 * ControllerRevision so a rollback restores both, not a new template against old settings.
 *
 * @param revision short hash of the template (with its settings hash)
 * @param digest image digest of the template, for status and history
 * @param template the pod template, revision annotation included
 * @param settings the ConfigMap data the template's envFrom reads
 */
public record RevisionSnapshot(
    String revision, String digest, PodTemplateSpec template, Map<String, String> settings) {}
