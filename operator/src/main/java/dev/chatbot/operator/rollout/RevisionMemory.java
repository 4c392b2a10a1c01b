package dev.chatbot.operator.rollout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the operator remembers about the revisions of one CR: pure queries over the stored
 * revisions, so the decision is the same however often, and by whichever process, it is made.
 */
public record RevisionMemory(List<StoredRevision> revisions) {

  public RevisionMemory {
    revisions = List.copyOf(revisions);
  }

  public static RevisionMemory empty() {
    return new RevisionMemory(List.of());
  }

  public Optional<StoredRevision> find(String revision) {
    return revisions.stream().filter(r -> r.revision().equals(revision)).findFirst();
  }

  public boolean contains(String revision) {
    return find(revision).isPresent();
  }

  public List<String> names() {
    return revisions.stream().map(StoredRevision::revision).toList();
  }

  /**
   * The revision that most recently completed its stabilization and has not failed since: what a
   * rollback deploys. Deployment order, not creation order: after A, B, then A again, it is A.
   */
  public Optional<String> lastKnownGood() {
    return knownGoodNewestFirst().stream().findFirst();
  }

  /** Known-good revisions, the most recently stabilized first. */
  public List<String> knownGoodNewestFirst() {
    return revisions.stream()
        .filter(StoredRevision::knownGood)
        .sorted(
            Comparator.comparing((StoredRevision r) -> r.stabilizedAt().orElseThrow())
                .thenComparingLong(StoredRevision::number)
                .reversed())
        .map(StoredRevision::revision)
        .toList();
  }

  /**
   * The revision that failed last, until some revision completes a stabilization after that
   * failure.
   */
  public Optional<String> failedRevision() {
    Optional<StoredRevision> last =
        revisions.stream()
            .filter(StoredRevision::failed)
            .max(Comparator.comparing((StoredRevision r) -> r.failedAt().orElseThrow()));
    if (last.isEmpty()) {
      return Optional.empty();
    }
    var failedAt = last.get().failedAt().orElseThrow();
    boolean healedSince =
        revisions.stream()
            .anyMatch(r -> r.stabilizedAt().filter(s -> s.isAfter(failedAt)).isPresent());
    return healedSince ? Optional.empty() : Optional.of(last.get().revision());
  }

  /** The memory after these marks (a revision not stored yet is added). */
  public RevisionMemory apply(List<RevisionMark> marks) {
    List<StoredRevision> next = new ArrayList<>(revisions);
    for (RevisionMark mark : marks) {
      int index = next.stream().map(StoredRevision::revision).toList().indexOf(mark.revision());
      if (index < 0) {
        long number = next.stream().mapToLong(StoredRevision::number).max().orElse(0) + 1;
        next.add(StoredRevision.fresh(mark.revision(), number).with(mark));
      } else {
        next.set(index, next.get(index).with(mark));
      }
    }
    return new RevisionMemory(next);
  }
}
