package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/**
 * The one owner reference the operator writes by hand (JOSDK adds the same to its dependents). The
 * UID ties an object to one CR: a CR re-created under the same name does not own, and so does not
 * inherit, what the old one left behind.
 */
public final class Ownership {

  private Ownership() {}

  /**
   * Controller reference to the CR. blockOwnerDeletion false: deleting the CR never waits on these
   * children; the garbage collector removes them afterwards.
   */
  public static OwnerReference controllerOf(ChatbotDeployment cr) {
    return new OwnerReferenceBuilder()
        .withApiVersion(cr.getApiVersion())
        .withKind(cr.getKind())
        .withName(cr.getMetadata().getName())
        .withUid(cr.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(false)
        .build();
  }

  /** Whether the object is owned by exactly this CR (same UID). */
  public static boolean ownedBy(
      io.fabric8.kubernetes.api.model.HasMetadata object, ChatbotDeployment cr) {
    var refs = object.getMetadata().getOwnerReferences();
    return refs != null
        && refs.stream()
            .anyMatch(
                r ->
                    cr.getMetadata().getUid() != null
                        && cr.getMetadata().getUid().equals(r.getUid()));
  }
}
