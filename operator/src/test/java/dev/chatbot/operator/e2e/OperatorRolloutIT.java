package dev.chatbot.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.config.OperatorConfig;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.reconciler.StepListener;
import dev.chatbot.operator.testing.RestrictedPodSecurityCheck;
import dev.chatbot.operator.testing.cluster.RealCluster;
import dev.chatbot.operator.testing.cluster.RealClusterTest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rollout state model (docs/rollback.md) on a real API server, Deployment controller and KWOK
 * nodes: late failures degrade, known-good follows deployment order, a killed operator rolls back
 * exactly once, memory belongs to one CR, reconcile errors show, and hand edits are reverted.
 * Windows are {@value OperatorUnderTest#WINDOW_SECONDS} s, the failure threshold 5 s.
 */
@RealClusterTest
class OperatorRolloutIT {

  static final String A = "sha256:" + "5".repeat(64);
  static final String B = "sha256:" + "6".repeat(64);
  // test-infra/kwok/stages.yaml crash-loops containers whose digest starts with "dead".
  static final String CRASHING = "sha256:dead" + "7".repeat(60);
  static final Duration LONG = Duration.ofSeconds(120);
  static final KubernetesSerialization YAML = new KubernetesSerialization();

  RealCluster cluster;
  KubernetesClient admin;
  String ns;
  OperatorUnderTest operator;
  NamespaceCrs crs;

  @BeforeEach
  void namespace(RealCluster realCluster) {
    cluster = realCluster;
    admin = realCluster.client();
    OperatorUnderTest.install(admin);
    ns =
        realCluster
            .createNamespace("rollout", Map.of("pod-security.kubernetes.io/enforce", "restricted"))
            .getMetadata()
            .getName();
    crs = new NamespaceCrs(admin, ns);
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  OperatorConfig config() {
    return OperatorUnderTest.config().withNamespaces(Set.of(ns));
  }

  void startOperator() {
    operator = OperatorUnderTest.start(cluster, config());
  }

  void apply(String name, String digest, String moreSpec) {
    crs.apply(name, digest, moreSpec);
  }

  void apply(String name, String digest) {
    crs.apply(name, digest);
  }

  ChatbotDeployment get(String name) {
    return crs.get(name);
  }

  ChatbotDeployment awaitCr(String name, Predicate<ChatbotDeployment> until) {
    return crs.await(name, LONG, until);
  }

  /** Ready for the current spec: its revision completed the stabilization window. */
  String awaitReadyWith(String name, String digest) {
    return awaitCr(
            name,
            c ->
                c.getStatus().getPhase() == Phase.Ready
                    && c.getStatus().getImage() != null
                    && digest.equals(c.getStatus().getImage().getDigest())
                    && c.getMetadata()
                        .getGeneration()
                        .equals(c.getStatus().getObservedGeneration()))
        .getStatus()
        .getCurrentRevision();
  }

  String image(String name) {
    return crs.image(name);
  }

  List<Event> events(String name, String reason) {
    return admin.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  @Test
  void aStabilizedRevisionThatStartsCrashingLaterIsDegradedNotRolledBack() {
    startOperator();
    apply("late", A);
    String a = awaitReadyWith("late", A);
    apply("late", B);
    String b = awaitReadyWith("late", B);

    // Days later (here: now) the release starts crash-looping, an OOM under load.
    admin.pods().inNamespace(ns).withLabel(Labels.INSTANCE, "late").list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .forEach(
            p ->
                admin
                    .pods()
                    .inNamespace(ns)
                    .withName(p.getMetadata().getName())
                    .edit(
                        pod -> {
                          pod.getMetadata()
                              .getAnnotations()
                              .put("chatbot.dev/simulate-now", "crashloop");
                          return pod;
                        }));

    ChatbotDeployment cr =
        awaitCr(
            "late",
            c ->
                c.getStatus().getPhase() == Phase.Degraded
                    && c.getStatus()
                        .condition("Degraded")
                        .map(d -> "PodsCrashLooping".equals(d.getReason()))
                        .orElse(false));
    assertThat(cr.getStatus().getCurrentRevision()).as("no rollback").isEqualTo(b);
    assertThat(cr.getStatus().getLastKnownGoodRevision()).isEqualTo(b);
    assertThat(cr.getStatus().getFailedRevision()).as("never marked failed").isNull();
    assertThat(cr.getStatus().condition("Ready").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(image("late")).endsWith(B).doesNotEndWith(a);
    assertThat(events("late", "PodsCrashLooping"))
        .singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
    assertThat(events("late", "RolledBack")).isEmpty();
    assertThat(failedReason("late", b)).isNull();
  }

  @Test
  void afterARevertAFailureRollsBackToTheRevisionThatRanLast() {
    startOperator();
    apply("revert", A);
    String a = awaitReadyWith("revert", A);
    apply("revert", B);
    awaitReadyWith("revert", B);
    apply("revert", A);
    assertThat(awaitReadyWith("revert", A)).as("the same revision again").isEqualTo(a);

    apply("revert", CRASHING);

    ChatbotDeployment cr = awaitCr("revert", c -> c.getStatus().getPhase() == Phase.RolledBack);
    assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(a);
    assertThat(cr.getStatus().getLastKnownGoodRevision())
        .as("status names what the rollback deployed")
        .isEqualTo(a);
    assertThat(image("revert")).endsWith(A);
  }

  /**
   * The operator dies right after a write step of the reconcile that detects the failure: after the
   * failure is recorded (the rollback not applied yet), or after the rollback is applied (status
   * and Event not written yet). The next operator finishes it: one rollback, one Event.
   */
  @ParameterizedTest(name = "killed after {0}")
  @EnumSource(StepListener.Step.class)
  void anOperatorKilledDuringARollbackEndsInExactlyOneRollback(StepListener.Step killPoint)
      throws Exception {
    startOperator();
    apply("kill", A);
    String a = awaitReadyWith("kill", A);
    operator.close();

    AtomicReference<OperatorUnderTest> doomed = new AtomicReference<>();
    java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
    StepListener dieHere =
        (step, cr, decision) -> {
          if (step == killPoint && decision.rolledBackFrom().isPresent()) {
            doomed.get().kill();
            killed.countDown();
            throw new IllegalStateException("operator killed after " + step);
          }
        };
    doomed.set(OperatorUnderTest.start(cluster, config(), dieHere));
    apply("kill", CRASHING);
    assertThat(killed.await(120, TimeUnit.SECONDS)).as("the failure was detected").isTrue();
    doomed.get().close();

    String bad = revisionWithDigest("kill", CRASHING);
    assertThat(failedReason("kill", bad))
        .as("the failure was recorded before anything else")
        .isEqualTo("CrashLoopBackOff");
    if (killPoint == StepListener.Step.OUTCOME_RECORDED) {
      assertThat(image("kill")).as("killed before the rollback was applied").endsWith(CRASHING);
    }
    assertThat(events("kill", "RolledBack")).isEmpty();

    startOperator();
    ChatbotDeployment cr =
        awaitCr(
            "kill",
            c ->
                c.getStatus().getPhase() == Phase.RolledBack
                    && "True"
                        .equals(
                            c.getStatus().condition("Ready").map(r -> r.getStatus()).orElse("")));
    assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(a);
    assertThat(cr.getStatus().getFailedRevision()).isEqualTo(bad);
    assertThat(image("kill")).endsWith(A);
    // A few more reconciles must not add a second one.
    Thread.sleep(3000);
    assertThat(events("kill", "RolledBack")).hasSize(1);
  }

  @Test
  void aCrReCreatedUnderTheSameNameStartsWithAnEmptyMemory() {
    startOperator();
    apply("again", A);
    String a = awaitReadyWith("again", A);
    apply("again", CRASHING);
    awaitCr("again", c -> c.getStatus().getPhase() == Phase.RolledBack);

    admin.resources(ChatbotDeployment.class).inNamespace(ns).withName("again").delete();
    await()
        .atMost(LONG)
        .until(
            () ->
                get("again") == null
                    && admin.apps().deployments().inNamespace(ns).withName("again").get() == null);
    apply("again", CRASHING);

    ChatbotDeployment cr = awaitCr("again", c -> c.getStatus().getPhase() == Phase.Failed);
    assertThat(cr.getStatus().getLastKnownGoodRevision())
        .as("the old CR's known-good revision %s is not inherited", a)
        .isNull();
    assertThat(cr.getStatus().getCurrentRevision()).isNotEqualTo(a);
    assertThat(image("again")).as("nothing to roll back to").endsWith(CRASHING);
    assertThat(storedRevisions("again"))
        .allSatisfy(
            r ->
                assertThat(r.getMetadata().getOwnerReferences().get(0).getUid())
                    .isEqualTo(cr.getMetadata().getUid()));
  }

  @Test
  void aReconcileErrorAfterReadyIsAConditionAndOneEventNotASilentReady() {
    String policy = "deny-port-" + ns;
    admin
        .load(
            new java.io.ByteArrayInputStream(
                """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: %1$s}
                spec:
                  failurePolicy: Fail
                  matchConstraints:
                    resourceRules:
                    - apiGroups: [""]
                      apiVersions: [v1]
                      operations: [CREATE, UPDATE]
                      resources: [services]
                  validations:
                  - expression: "object.spec.ports.all(p, p.port == 80)"
                    message: "only port 80 may be exposed in this namespace"
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: %1$s}
                spec:
                  policyName: %1$s
                  validationActions: [Deny]
                  matchResources:
                    namespaceSelector:
                      matchLabels: {kubernetes.io/metadata.name: %2$s}
                """
                    .formatted(policy, ns)
                    .getBytes(StandardCharsets.UTF_8)))
        .items()
        .forEach(o -> admin.resource(o).fieldManager("e2e").forceConflicts().serverSideApply());
    try {
      startOperator();
      apply("denied", A);
      String a = awaitReadyWith("denied", A);

      apply("denied", A, "  service: {port: 8081}\n");

      ChatbotDeployment cr =
          awaitCr(
              "denied",
              c ->
                  c.getStatus()
                      .condition("Reconciled")
                      .map(r -> "False".equals(r.getStatus()))
                      .orElse(false));
      var reconciled = cr.getStatus().condition("Reconciled").orElseThrow();
      assertThat(reconciled.getReason()).isEqualTo("ReconcileError");
      assertThat(reconciled.getMessage())
          .contains("denied")
          .contains("only port 80 may be exposed in this namespace");
      assertThat(cr.getStatus().getPhase()).as("what runs has not changed").isEqualTo(Phase.Ready);
      assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(a);
      // JOSDK retries with backoff; the Event is not repeated for the same error.
      await()
          .pollDelay(Duration.ofSeconds(6))
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(events("denied", "ReconcileError")).hasSize(1));
      assertThat(events("denied", "ReconcileError").get(0).getType()).isEqualTo("Warning");
    } finally {
      admin
          .genericKubernetesResources(
              "admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding")
          .withName(policy)
          .delete();
      admin
          .genericKubernetesResources(
              "admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy")
          .withName(policy)
          .delete();
    }
  }

  @Test
  void aPrivilegedContainerAddedByHandWithKubectlIsReverted() throws Exception {
    startOperator();
    apply("handedit", A);
    awaitReadyWith("handedit", A);

    kubectl(
        "patch",
        "deployment",
        "handedit",
        "--type=json",
        "-p",
        "[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/-\",\"value\":{\"name\":\"debug\","
            + "\"image\":\"registry.example/debug@"
            + B
            + "\",\"securityContext\":{\"privileged\":true,"
            + "\"capabilities\":{\"add\":[\"NET_ADMIN\"]}}}},"
            + "{\"op\":\"add\",\"path\":\"/spec/template/spec/hostNetwork\",\"value\":true},"
            + "{\"op\":\"add\",\"path\":\"/spec/template/spec/volumes/-\",\"value\":{\"name\":\"host\","
            + "\"hostPath\":{\"path\":\"/\"}}}]");

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              var spec =
                  admin
                      .apps()
                      .deployments()
                      .inNamespace(ns)
                      .withName("handedit")
                      .get()
                      .getSpec()
                      .getTemplate()
                      .getSpec();
              assertThat(spec.getContainers())
                  .extracting(c -> c.getName())
                  .containsExactly("chatbot");
              assertThat(spec.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
              assertThat(spec.getVolumes()).noneMatch(v -> v.getHostPath() != null);
              assertThat(RestrictedPodSecurityCheck.violations(spec)).isEmpty();
            });
    awaitReadyWith("handedit", A);
    assertThat(
            admin.pods().inNamespace(ns).withLabel(Labels.INSTANCE, "handedit").list().getItems())
        .allSatisfy(p -> assertThat(RestrictedPodSecurityCheck.violations(p.getSpec())).isEmpty());
  }

  void kubectl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(RealCluster.binDir().resolve("kubectl").toString());
    command.add("--kubeconfig=" + cluster.kubeconfigPath());
    command.add("--namespace=" + ns);
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl %s: %s", String.join(" ", args), out).isZero();
  }

  List<ControllerRevision> storedRevisions(String name) {
    return admin
        .apps()
        .controllerRevisions()
        .inNamespace(ns)
        .withLabel(Labels.INSTANCE, name)
        .list()
        .getItems();
  }

  String revisionWithDigest(String name, String digest) {
    return storedRevisions(name).stream()
        .filter(r -> YAML.asJson(r.getData()).contains(digest))
        .map(r -> r.getMetadata().getLabels().get(Labels.REVISION))
        .findFirst()
        .orElseThrow();
  }

  String failedReason(String name, String revision) {
    return storedRevisions(name).stream()
        .filter(r -> revision.equals(r.getMetadata().getLabels().get(Labels.REVISION)))
        .findFirst()
        .map(r -> r.getMetadata().getAnnotations())
        .map(a -> a.get("chatbot.dev/failed-reason"))
        .orElse(null);
  }
}
