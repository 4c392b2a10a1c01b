package dev.chatbot.operator.rollout;

import static dev.chatbot.operator.rollout.TestingRevisions.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.Phase;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollout state model of docs/rollback.md, one transition per row: what is stored and observed
 * -> what runs, the phase, what is written onto the revisions, and what status says is known-good
 * and failed. The window is 60 s; "now" is t=100.
 */
class RollbackDeciderTest {

  static final Health MISSING = Health.of(Health.State.MISSING, "DeploymentMissing", "none");
  static final Health AVAILABLE = Health.of(Health.State.AVAILABLE, "Available", "1/1 ready");
  static final Health PROGRESSING =
      Health.of(Health.State.PROGRESSING, "RolloutInProgress", "0/1 ready");
  static final Health NOT_READY = Health.of(Health.State.UNAVAILABLE, "PodsNotReady", "0/1 ready");
  static final Health DEADLINE =
      Health.of(Health.State.FAILING, "ProgressDeadlineExceeded", "deadline");
  static final Health CRASHLOOP =
      Health.of(Health.State.FAILING, "CrashLoopBackOff", "pod x crashes");
  static final Health IMAGEPULL =
      Health.of(Health.State.FAILING, "ImagePullBackOff", "no such image");
  static final Health CONFIG =
      Health.of(Health.State.FAILING, "CreateContainerConfigError", "secret gone");

  /** What one row expects; marks as "KIND revision" in order, "" for none. */
  record Expect(
      String target,
      Phase phase,
      String reason,
      String lastKnownGood,
      String failed,
      String marks,
      String rolledBackFrom) {}

  static Expect expect(
      String target, Phase phase, String reason, String lkg, String failed, String marks) {
    return new Expect(target, phase, reason, lkg, failed, marks, null);
  }

  static Expect rollback(String target, String reason, String failed, String marks) {
    return new Expect(target, Phase.RolledBack, reason, target, failed, marks, failed);
  }

  static Arguments row(String name, TestingRevisions given, Expect expect) {
    return Arguments.of(name, given, expect);
  }

  static Stream<Arguments> transitions() {
    return Stream.of(
        row(
            "first deploy starts the rollout",
            given(),
            expect("new", Phase.Progressing, "RolloutStarted", null, null, "DEPLOYED new")),
        row(
            "a new spec rolls out over a known-good revision",
            given().good("good", 10).running("good", AVAILABLE),
            expect("new", Phase.Progressing, "RolloutStarted", "good", null, "DEPLOYED new")),
        row(
            "rolling out",
            given().good("good", 10).deployedAt("new", 90).running("new", PROGRESSING),
            expect("new", Phase.Progressing, "RolloutInProgress", "good", null, "")),
        row(
            "available starts the stabilization window",
            given().good("good", 10).deployedAt("new", 90).running("new", AVAILABLE),
            expect("new", Phase.Progressing, "Stabilizing", "good", null, "AVAILABLE new")),
        row(
            "inside the window it is not known-good yet",
            given()
                .good("good", 10)
                .deployedAt("new", 60)
                .availableSince("new", 70)
                .running("new", AVAILABLE),
            expect("new", Phase.Progressing, "Stabilizing", "good", null, "")),
        row(
            "a full window without failure makes it known-good",
            given()
                .good("good", 10)
                .deployedAt("new", 30)
                .availableSince("new", 40)
                .running("new", AVAILABLE),
            expect("new", Phase.Ready, "Available", "new", null, "STABILIZED new")),
        row(
            "readiness lost inside the window restarts it",
            given()
                .good("good", 10)
                .deployedAt("new", 60)
                .availableSince("new", 70)
                .running("new", NOT_READY),
            expect("new", Phase.Progressing, "PodsNotReady", "good", null, "UNAVAILABLE new")),
        row(
            "a crash loop inside the window rolls back",
            given()
                .good("good", 10)
                .deployedAt("new", 60)
                .availableSince("new", 70)
                .running("new", CRASHLOOP),
            rollback("good", "CrashLoopBackOff", "new", "FAILED new, DEPLOYED good")),
        row(
            "a missed progress deadline rolls back",
            given().good("good", 10).deployedAt("new", 30).running("new", DEADLINE),
            rollback("good", "ProgressDeadlineExceeded", "new", "FAILED new, DEPLOYED good")),
        row(
            "an image pull error rolls back",
            given().good("good", 10).deployedAt("new", 90).running("new", IMAGEPULL),
            rollback("good", "ImagePullBackOff", "new", "FAILED new, DEPLOYED good")),
        row(
            "a config error rolls back",
            given().good("good", 10).deployedAt("new", 90).running("new", CONFIG),
            rollback("good", "CreateContainerConfigError", "new", "FAILED new, DEPLOYED good")),
        row(
            "a crash loop after the window only degrades",
            given().good("good", 10).good("new", 40).running("new", CRASHLOOP),
            expect("new", Phase.Degraded, "PodsCrashLooping", "new", null, "")),
        row(
            "an image pull error after the window only degrades",
            given().good("good", 10).good("new", 40).running("new", IMAGEPULL),
            expect("new", Phase.Degraded, "PodsCannotPullImage", "new", null, "")),
        row(
            "a missed deadline after the window only degrades",
            given().good("new", 40).running("new", DEADLINE),
            expect("new", Phase.Degraded, "ProgressDeadlineExceeded", "new", null, "")),
        row(
            "pods not ready after the window degrade",
            given().good("new", 40).running("new", NOT_READY),
            expect("new", Phase.Degraded, "PodsNotReady", "new", null, "")),
        row(
            "the first revision failing is Failed, nothing to roll back to",
            given().deployedAt("new", 90).running("new", CRASHLOOP),
            expect("new", Phase.Failed, "CrashLoopBackOff", null, "new", "FAILED new")),
        row(
            "autoRollback off reports Failed",
            given()
                .good("good", 10)
                .deployedAt("new", 90)
                .running("new", DEADLINE)
                .autoRollbackOff(),
            expect("new", Phase.Failed, "ProgressDeadlineExceeded", "good", "new", "FAILED new")),
        row(
            "a failed revision is not retried while the spec is unchanged",
            given()
                .good("good", 10)
                .deployedAt("new", 60)
                .failedAt("new", 80, "CrashLoopBackOff")
                .deployedAt("good", 80)
                .running("good", AVAILABLE),
            rollback("good", "CrashLoopBackOff", "new", "")),
        row(
            "a failure recorded before a crash still rolls back after the restart",
            given()
                .good("good", 10)
                .deployedAt("new", 60)
                .failedAt("new", 80, "CrashLoopBackOff")
                .running("new", CRASHLOOP),
            rollback("good", "CrashLoopBackOff", "new", "DEPLOYED good")),
        row(
            "a failed first revision stays Failed",
            given()
                .deployedAt("new", 60)
                .failedAt("new", 80, "CrashLoopBackOff")
                .running("new", CRASHLOOP),
            expect("new", Phase.Failed, "CrashLoopBackOff", null, "new", "")),
        row(
            "a failed first revision that serves again starts a new window",
            given()
                .deployedAt("new", 30)
                .failedAt("new", 60, "ProgressDeadlineExceeded")
                .running("new", AVAILABLE),
            expect("new", Phase.Failed, "ProgressDeadlineExceeded", null, "new", "AVAILABLE new")),
        row(
            "a failed first revision serving for a whole window heals",
            given()
                .deployedAt("new", 10)
                .failedAt("new", 20, "ProgressDeadlineExceeded")
                .availableSince("new", 30)
                .running("new", AVAILABLE),
            expect("new", Phase.Ready, "Available", "new", null, "STABILIZED new")),
        row(
            "a failed first revision losing readiness again is Failed, its new window restarts",
            given()
                .deployedAt("new", 10)
                .failedAt("new", 20, "ProgressDeadlineExceeded")
                .availableSince("new", 70)
                .running("new", NOT_READY),
            expect(
                "new", Phase.Failed, "ProgressDeadlineExceeded", null, "new", "UNAVAILABLE new")),
        row(
            "availability from before the failure does not count for the new window",
            given()
                .deployedAt("new", 10)
                .availableSince("new", 15)
                .failedAt("new", 20, "CrashLoopBackOff")
                .running("new", AVAILABLE),
            expect("new", Phase.Failed, "CrashLoopBackOff", null, "new", "AVAILABLE new")),
        row(
            "a failed revision crash-looping again in its new window is Failed, the window restarts",
            given()
                .deployedAt("new", 10)
                .failedAt("new", 20, "CrashLoopBackOff")
                .availableSince("new", 70)
                .running("new", CRASHLOOP),
            expect("new", Phase.Failed, "CrashLoopBackOff", null, "new", "UNAVAILABLE new")),
        row(
            "a failed revision scaled to zero stays Failed",
            given()
                .deployedAt("new", 10)
                .failedAt("new", 20, "ProgressDeadlineExceeded")
                .replicas(0)
                .running("new", AVAILABLE),
            expect("new", Phase.Failed, "ProgressDeadlineExceeded", null, "new", "")),
        row(
            "with a known-good revision a failed spec that serves again is still rolled back",
            given()
                .good("good", 10)
                .deployedAt("new", 60)
                .failedAt("new", 80, "CrashLoopBackOff")
                .running("new", AVAILABLE),
            rollback("good", "CrashLoopBackOff", "new", "DEPLOYED good")),
        row(
            "back from a manual rollback, a failed revision is deployed anew: old availability is void",
            given()
                .good("other", 5)
                .deployedAt("new", 10)
                .failedAt("new", 20, "ProgressDeadlineExceeded")
                .availableSince("new", 30)
                .running("other", AVAILABLE)
                .autoRollbackOff(),
            expect(
                "new", Phase.Failed, "ProgressDeadlineExceeded", "other", "new", "DEPLOYED new")),
        row(
            "autoRollback off: a failed revision serving for a whole window heals",
            given()
                .good("good", 5)
                .deployedAt("new", 10)
                .failedAt("new", 20, "ProgressDeadlineExceeded")
                .availableSince("new", 30)
                .running("new", AVAILABLE)
                .autoRollbackOff(),
            expect("new", Phase.Ready, "Available", "new", null, "STABILIZED new")),
        row(
            "a new spec after a failure is tried, failedRevision stays",
            given()
                .good("good", 10)
                .deployedAt("new", 60)
                .failedAt("new", 80, "CrashLoopBackOff")
                .deployedAt("good", 80)
                .spec("newer")
                .running("good", AVAILABLE),
            expect("newer", Phase.Progressing, "RolloutStarted", "good", "new", "DEPLOYED newer")),
        row(
            "failedRevision clears when a later revision stabilizes",
            given()
                .good("good", 10)
                .failedAt("new", 20, "CrashLoopBackOff")
                .deployedAt("newer", 30)
                .availableSince("newer", 35)
                .spec("newer")
                .running("newer", AVAILABLE),
            expect("newer", Phase.Ready, "Available", "newer", null, "STABILIZED newer")),
        row(
            "after A, B, then A again, a failure rolls back to A",
            given()
                .good("a", 10)
                .good("b", 20)
                .good("a", 30)
                .deployedAt("bad", 90)
                .spec("bad")
                .running("bad", CRASHLOOP),
            rollback("a", "CrashLoopBackOff", "bad", "FAILED bad, DEPLOYED a")),
        row(
            "a reverted revision inside its new window is not known-good again yet",
            given()
                .good("a", 10)
                .good("b", 20)
                .deployedAt("a", 90)
                .spec("a")
                .running("a", CRASHLOOP),
            rollback("b", "CrashLoopBackOff", "a", "FAILED a, DEPLOYED b")),
        row(
            "zero replicas are never known-good",
            given().deployedAt("new", 10).replicas(0).running("new", AVAILABLE),
            expect("new", Phase.Ready, "ScaledToZero", null, null, "")),
        row(
            "manual rollback to a stored revision deploys it",
            given().good("older", 5).good("new", 40).running("new", AVAILABLE).rollbackTo("older"),
            expect("older", Phase.Progressing, "ManualRollback", "new", null, "DEPLOYED older")),
        row(
            "manual rollback reached",
            given()
                .good("older", 5)
                .good("new", 40)
                .running("older", AVAILABLE)
                .rollbackTo("older"),
            expect("older", Phase.RolledBack, "ManualRollback", "new", null, "")),
        row(
            "manual previous skips the spec's revision",
            given()
                .good("older", 5)
                .good("good", 10)
                .good("new", 40)
                .running("new", AVAILABLE)
                .rollbackTo("previous"),
            expect("good", Phase.Progressing, "ManualRollback", "new", null, "DEPLOYED good")),
        row(
            "manual rollback to an unknown revision changes nothing",
            given().good("new", 40).running("new", AVAILABLE).rollbackTo("nope"),
            expect("new", Phase.Ready, "UnknownRevision", "new", null, "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void decides(String name, TestingRevisions given, Expect expect) {
    RolloutDecision decision = new RollbackDecider().decide(given.input());

    assertThat(decision.target()).as("target").isEqualTo(expect.target());
    assertThat(decision.phase()).as("phase").isEqualTo(expect.phase());
    assertThat(decision.reason()).as("reason").isEqualTo(expect.reason());
    assertThat(decision.lastKnownGood())
        .as("lastKnownGood")
        .isEqualTo(Optional.ofNullable(expect.lastKnownGood()));
    assertThat(decision.failedRevision())
        .as("failedRevision")
        .isEqualTo(Optional.ofNullable(expect.failed()));
    assertThat(
            decision.marks().stream()
                .map(m -> m.kind() + " " + m.revision())
                .collect(Collectors.joining(", ")))
        .as("marks")
        .isEqualTo(expect.marks());
    assertThat(decision.rolledBackFrom())
        .as("rolledBackFrom")
        .isEqualTo(Optional.ofNullable(expect.rolledBackFrom()));
    assertThat(decision.message()).isNotBlank();
  }

  @Test
  void aRollbackTargetIsAlwaysTheLastKnownGoodReportedInStatus() {
    transitions()
        .map(a -> (TestingRevisions) a.get()[1])
        .map(g -> new RollbackDecider().decide(g.input()))
        .filter(d -> d.rolledBackFrom().isPresent())
        .forEach(d -> assertThat(d.lastKnownGood()).contains(d.target()));
  }

  @Test
  void stabilizingSaysWhenToLookAgain() {
    RolloutDecision decision =
        new RollbackDecider()
            .decide(
                given()
                    .deployedAt("new", 60)
                    .availableSince("new", 70)
                    .running("new", AVAILABLE)
                    .input());

    assertThat(decision.recheckAfter()).contains(java.time.Duration.ofSeconds(30));
  }

  @Test
  void aFailedRevisionServingAgainSaysWhenItsWindowEnds() {
    RolloutDecision decision =
        new RollbackDecider()
            .decide(
                given()
                    .deployedAt("new", 10)
                    .failedAt("new", 20, "ProgressDeadlineExceeded")
                    .availableSince("new", 70)
                    .running("new", AVAILABLE)
                    .input());

    assertThat(decision.phase()).isEqualTo(Phase.Failed);
    assertThat(decision.recheckAfter()).contains(java.time.Duration.ofSeconds(30));
    assertThat(decision.message()).contains("serves again").contains("30s");
  }

  @Test
  void rollbackMessageNamesReasonAndBothRevisions() {
    RolloutDecision decision =
        new RollbackDecider()
            .decide(
                given().good("good", 10).deployedAt("new", 90).running("new", CRASHLOOP).input());

    assertThat(decision.message()).contains("new").contains("good").contains("CrashLoopBackOff");
  }

  @Test
  void unknownManualRevisionIsRefusedWithTheKnownOnes() {
    RolloutDecision decision =
        new RollbackDecider()
            .decide(
                given()
                    .good("good", 10)
                    .good("new", 40)
                    .failedAt("older", 5, "CrashLoopBackOff")
                    .running("new", AVAILABLE)
                    .rollbackTo("nope")
                    .input());

    assertThat(decision.refusal()).isPresent();
    assertThat(decision.message())
        .contains("nope")
        .contains("good, new, older")
        .contains("nothing changed");
  }
}
