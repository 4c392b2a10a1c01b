package dev.chatbot.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the input of one rollout decision: stored revisions, what runs, how it is doing. */
final class TestingRevisions {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOW = at(100);
  static final Duration WINDOW = Duration.ofSeconds(60);

  private final List<RevisionMark> marks = new ArrayList<>();
  private String spec = "new";
  private String deployed;
  private int replicas = 1;
  private Health health = Health.of(Health.State.MISSING, "DeploymentMissing", "none");
  private String rollbackTo;
  private boolean autoRollback = true;

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  static TestingRevisions given() {
    return new TestingRevisions();
  }

  /** Deployed at t, available from t, stabilized at t: a revision that went through its window. */
  TestingRevisions good(String revision, long t) {
    return deployedAt(revision, t).stabilizedAt(revision, t);
  }

  TestingRevisions deployedAt(String revision, long t) {
    marks.add(RevisionMark.deployed(revision, at(t)));
    return this;
  }

  TestingRevisions availableSince(String revision, long t) {
    marks.add(RevisionMark.available(revision, at(t)));
    return this;
  }

  TestingRevisions stabilizedAt(String revision, long t) {
    marks.add(RevisionMark.stabilized(revision, at(t)));
    return this;
  }

  TestingRevisions failedAt(String revision, long t, String reason) {
    marks.add(RevisionMark.failed(revision, at(t), reason));
    return this;
  }

  TestingRevisions spec(String revision) {
    spec = revision;
    return this;
  }

  TestingRevisions running(String revision, Health h) {
    deployed = revision;
    health = h;
    return this;
  }

  TestingRevisions replicas(int n) {
    replicas = n;
    return this;
  }

  TestingRevisions rollbackTo(String revision) {
    rollbackTo = revision;
    return this;
  }

  TestingRevisions autoRollbackOff() {
    autoRollback = false;
    return this;
  }

  RolloutInput input() {
    return new RolloutInput(
        spec,
        Optional.ofNullable(deployed),
        replicas,
        health,
        RevisionMemory.empty().apply(marks),
        Optional.ofNullable(rollbackTo),
        autoRollback,
        WINDOW,
        NOW);
  }

  @Override
  public String toString() {
    return "spec=" + spec + " running=" + deployed + " " + health.state();
  }
}
