package dev.chatbot.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.RevisionRecord;
import dev.chatbot.operator.api.v1alpha1.RolloutOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

  static RevisionRecord record(String revision, RolloutOutcome outcome) {
    return new RevisionRecord(revision, "sha256:" + revision, "2026-11-01T10:00:00Z", outcome);
  }

  @Test
  void isBoundedByTheLimitDroppingTheOldest() {
    List<RevisionRecord> history =
        List.of(
            record("c", RolloutOutcome.Succeeded),
            record("b", RolloutOutcome.Succeeded),
            record("a", RolloutOutcome.Succeeded));

    List<RevisionRecord> next =
        History.deployed(history, "d", "sha256:d", "now", RolloutOutcome.Progressing, 3);

    assertThat(next).extracting(RevisionRecord::getRevision).containsExactly("d", "c", "b");
  }

  @Test
  void aRedeployedRevisionMovesToTheFrontInsteadOfRepeating() {
    List<RevisionRecord> history =
        List.of(record("b", RolloutOutcome.Failed), record("a", RolloutOutcome.Succeeded));

    List<RevisionRecord> next =
        History.deployed(history, "a", "sha256:a", "now", RolloutOutcome.RolledBackTo, 10);

    assertThat(next).extracting(RevisionRecord::getRevision).containsExactly("a", "b");
    assertThat(next.get(0).getOutcome()).isEqualTo(RolloutOutcome.RolledBackTo);
    assertThat(next.get(1).getOutcome()).isEqualTo(RolloutOutcome.Failed);
  }

  @Test
  void aRolloutReplacedBeforeItFinishedIsSuperseded() {
    List<RevisionRecord> history = List.of(record("a", RolloutOutcome.Progressing));

    List<RevisionRecord> next =
        History.deployed(history, "b", "sha256:b", "now", RolloutOutcome.Progressing, 10);

    assertThat(next.get(1).getOutcome()).isEqualTo(RolloutOutcome.Superseded);
  }

  @Test
  void succeededListsOnlyRevisionsThatBecameAvailable() {
    List<RevisionRecord> history =
        List.of(
            record("d", RolloutOutcome.Failed),
            record("c", RolloutOutcome.RolledBackTo),
            record("b", RolloutOutcome.Superseded),
            record("a", RolloutOutcome.Succeeded));

    assertThat(History.succeeded(history)).containsExactly("c", "a");
  }
}
