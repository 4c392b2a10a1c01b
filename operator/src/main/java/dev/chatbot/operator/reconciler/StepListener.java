package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.rollout.RolloutDecision;

/**
 * Told after each write step of a reconcile. Production passes {@link #NONE}; the crash-safety
 * tests use it to stop an operator at an exact point between two writes.
 */
public interface StepListener {

  /** The write steps, in the order they happen. */
  enum Step {
    /** The decision's marks (a failure, a deployment, a stabilization) are on the revisions. */
    OUTCOME_RECORDED,
    /** The owned objects (the Deployment among them) are applied. */
    OBJECTS_APPLIED
  }

  StepListener NONE = (step, cr, decision) -> {};

  void after(Step step, ChatbotDeployment cr, RolloutDecision decision);
}
