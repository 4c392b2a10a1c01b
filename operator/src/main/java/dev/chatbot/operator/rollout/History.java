package dev.chatbot.operator.rollout;

import dev.chatbot.operator.api.v1alpha1.RevisionRecord;
import dev.chatbot.operator.api.v1alpha1.RolloutOutcome;
import java.util.ArrayList;
import java.util.List;

/** status.history: one entry per revision, newest deployment first, bounded. */
public final class History {

  private History() {}

  /** Records that a revision was (re)deployed now; a redeploy moves its entry to the front. */
  public static List<RevisionRecord> deployed(
      List<RevisionRecord> history,
      String revision,
      String digest,
      String now,
      RolloutOutcome outcome,
      int limit) {
    List<RevisionRecord> next = new ArrayList<>();
    next.add(new RevisionRecord(revision, digest, now, outcome));
    for (RevisionRecord r : history) {
      if (revision.equals(r.getRevision())) {
        continue;
      }
      RolloutOutcome o =
          r.getOutcome() == RolloutOutcome.Progressing ? RolloutOutcome.Superseded : r.getOutcome();
      next.add(new RevisionRecord(r.getRevision(), r.getDigest(), r.getDeployedAt(), o));
    }
    return next.subList(0, Math.min(limit, next.size()));
  }

  /** Sets the outcome of a revision's entry, if it has one. */
  public static List<RevisionRecord> outcome(
      List<RevisionRecord> history, String revision, RolloutOutcome outcome) {
    return history.stream()
        .map(
            r ->
                revision.equals(r.getRevision()) && r.getOutcome() != outcome
                    ? new RevisionRecord(r.getRevision(), r.getDigest(), r.getDeployedAt(), outcome)
                    : r)
        .toList();
  }

  /** Revisions that once became available, newest first. */
  public static List<String> succeeded(List<RevisionRecord> history) {
    return history.stream()
        .filter(
            r ->
                r.getOutcome() == RolloutOutcome.Succeeded
                    || r.getOutcome() == RolloutOutcome.RolledBackTo)
        .map(RevisionRecord::getRevision)
        .toList();
  }
}
