package dev.chatbot.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.Phase;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision table of docs/rollback.md, one row per case. */
class RollbackDeciderTest {

  static final Health AVAILABLE = Health.of(Health.State.AVAILABLE, "Available", "1/1 ready");
  static final Health PROGRESSING =
      Health.of(Health.State.PROGRESSING, "RolloutInProgress", "0/1 ready");
  static final Health DEADLINE =
      Health.of(Health.State.FAILED, "ProgressDeadlineExceeded", "deadline");
  static final Health CRASHLOOP =
      Health.of(Health.State.FAILED, "CrashLoopBackOff", "pod x crashes");
  static final Health IMAGEPULL =
      Health.of(Health.State.FAILED, "ImagePullBackOff", "no such image");
  static final Health CONFIG =
      Health.of(Health.State.FAILED, "CreateContainerConfigError", "secret gone");
  static final Health DEGRADED = Health.of(Health.State.DEGRADED, "PodsNotReady", "0/1 ready");
  static final Health MISSING = Health.of(Health.State.MISSING, "DeploymentMissing", "none");

  /** Builder for one row: spec revision "new", a known-good "good" stored alongside. */
  record Row(
      String specRevision,
      String deployed,
      Health health,
      String lkg,
      String failed,
      List<String> succeeded,
      String rollbackTo,
      boolean auto) {
    RolloutInput input() {
      return new RolloutInput(
          specRevision,
          Optional.ofNullable(deployed),
          health,
          Optional.ofNullable(lkg),
          Optional.ofNullable(failed),
          succeeded,
          List.of("good", "new", "older"),
          Optional.ofNullable(rollbackTo),
          auto,
          Optional.empty());
    }
  }

  static Row row(String deployed, Health health, String lkg, String failed) {
    return new Row("new", deployed, health, lkg, failed, List.of("good", "older"), null, true);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // name, row, target, phase, failedRevision, rollbackStarted
        Arguments.of(
            "first deploy starts",
            row(null, MISSING, null, null),
            "new",
            Phase.Progressing,
            null,
            false),
        Arguments.of(
            "new spec rolls out over good",
            row("good", AVAILABLE, "good", null),
            "new",
            Phase.Progressing,
            null,
            false),
        Arguments.of(
            "rollout in progress",
            row("new", PROGRESSING, "good", null),
            "new",
            Phase.Progressing,
            null,
            false),
        Arguments.of(
            "success becomes known-good",
            row("new", AVAILABLE, "good", null),
            "new",
            Phase.Ready,
            null,
            false),
        Arguments.of(
            "deadline exceeded rolls back",
            row("new", DEADLINE, "good", null),
            "good",
            Phase.RolledBack,
            "new",
            true),
        Arguments.of(
            "crash loop rolls back",
            row("new", CRASHLOOP, "good", null),
            "good",
            Phase.RolledBack,
            "new",
            true),
        Arguments.of(
            "image pull rolls back",
            row("new", IMAGEPULL, "good", null),
            "good",
            Phase.RolledBack,
            "new",
            true),
        Arguments.of(
            "config error rolls back",
            row("new", CONFIG, "good", null),
            "good",
            Phase.RolledBack,
            "new",
            true),
        Arguments.of(
            "first revision failing is Failed",
            row("new", CRASHLOOP, null, null),
            "new",
            Phase.Failed,
            "new",
            false),
        Arguments.of(
            "failed revision not retried",
            row("good", AVAILABLE, "good", "new"),
            "good",
            Phase.RolledBack,
            "new",
            false),
        Arguments.of(
            "failed first revision stays Failed",
            row("new", CRASHLOOP, null, "new"),
            "new",
            Phase.Failed,
            "new",
            false),
        Arguments.of(
            "spec changed after failure is tried",
            new Row("newer", "good", AVAILABLE, "good", "new", List.of("good"), null, true),
            "newer",
            Phase.Progressing,
            "new",
            false),
        Arguments.of(
            "autoRollback off reports Failed",
            new Row("new", "new", DEADLINE, "good", null, List.of("good"), null, false),
            "new",
            Phase.Failed,
            "new",
            false),
        Arguments.of(
            "ready pods lost is Degraded",
            row("new", DEGRADED, "new", null),
            "new",
            Phase.Degraded,
            null,
            false),
        Arguments.of(
            "manual rollback to stored revision",
            new Row("new", "new", AVAILABLE, "new", null, List.of("new", "good"), "older", true),
            "older",
            Phase.Progressing,
            null,
            false),
        Arguments.of(
            "manual rollback reached",
            new Row("new", "older", AVAILABLE, "new", null, List.of("new", "good"), "older", true),
            "older",
            Phase.RolledBack,
            null,
            false),
        Arguments.of(
            "manual previous skips the spec's revision",
            new Row("new", "new", AVAILABLE, "new", null, List.of("new", "good"), "previous", true),
            "good",
            Phase.Progressing,
            null,
            false),
        Arguments.of(
            "manual unknown revision changes nothing",
            new Row("new", "new", AVAILABLE, "new", null, List.of("new"), "nope", true),
            "new",
            Phase.Ready,
            null,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(
      String name, Row row, String target, Phase phase, String failed, boolean rollbackStarted) {
    RolloutDecision decision = new RollbackDecider().decide(row.input());

    assertThat(decision.target()).as("target").isEqualTo(target);
    assertThat(decision.phase()).as("phase").isEqualTo(phase);
    assertThat(decision.failedRevision())
        .as("failedRevision")
        .isEqualTo(Optional.ofNullable(failed));
    assertThat(decision.rollbackStarted()).as("rollbackStarted").isEqualTo(rollbackStarted);
    assertThat(decision.message()).isNotBlank();
  }

  @org.junit.jupiter.api.Test
  void rollbackMessageNamesReasonAndBothRevisions() {
    RolloutDecision decision =
        new RollbackDecider().decide(row("new", CRASHLOOP, "good", null).input());

    assertThat(decision.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(decision.message()).contains("new").contains("good").contains("CrashLoopBackOff");
  }

  @org.junit.jupiter.api.Test
  void unknownManualRevisionIsRefusedWithTheKnownOnes() {
    RolloutDecision decision =
        new RollbackDecider()
            .decide(
                new Row("new", "new", AVAILABLE, "new", null, List.of("new"), "nope", true)
                    .input());

    assertThat(decision.refusal()).isPresent();
    assertThat(decision.reason()).isEqualTo("UnknownRevision");
    assertThat(decision.message())
        .contains("nope")
        .contains("good, new, older")
        .contains("nothing changed");
  }
}
