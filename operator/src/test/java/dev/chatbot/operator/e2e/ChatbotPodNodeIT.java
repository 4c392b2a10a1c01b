package dev.chatbot.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.testing.cluster.RealCluster;
import dev.chatbot.operator.testing.cluster.RealNodeTest;
import dev.chatbot.operator.testing.node.AppHttp;
import dev.chatbot.operator.testing.node.NodeContainers;
import dev.chatbot.operator.testing.node.NodeContainers.ContainerProcess;
import dev.chatbot.operator.testing.node.NodeImages;
import dev.chatbot.operator.testing.node.ReadyPods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chatbot pod on a real node: kubelet + containerd + runc run the app image this build made,
 * pulled by digest from the cluster's own registry, with the operator's hardening, probes and
 * volumes. What KWOK can only assert on YAML is seen here on the running process.
 */
@RealNodeTest
class ChatbotPodNodeIT {

  static final KubernetesSerialization YAML = new KubernetesSerialization();
  static final Duration APP_START = Duration.ofSeconds(240);
  static final Duration FAILURE_THRESHOLD = OperatorUnderTest.config().failureThreshold();

  static RealCluster cluster;
  static KubernetesClient admin;
  static OperatorUnderTest operator;
  static NodeContainers containers;
  static String ns;
  static NamespaceCrs crs;
  static String repository;
  static String appDigest;
  @TempDir static Path tmp;

  @BeforeAll
  static void start(RealCluster realCluster) {
    cluster = realCluster;
    admin = realCluster.client();
    containers = new NodeContainers(realCluster);
    OperatorUnderTest.install(admin);
    NodeImages images = new NodeImages(realCluster);
    repository = images.registry() + "/chatbot-app";
    appDigest = images.push(NodeImages.appImageTar(), "chatbot-app", "node-it");
    ns = realCluster.createRealNodeNamespace("node");
    crs = new NamespaceCrs(admin, ns);
    operator = OperatorUnderTest.start(realCluster, OperatorUnderTest.config());
  }

  /**
   * The real node has the machine's 2 CPUs: three pods requesting the default 500m already fill it,
   * so each test removes its CR and waits for its pods to go.
   */
  @AfterEach
  void deleteChatbots() {
    admin.resources(ChatbotDeployment.class).inNamespace(ns).delete();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> admin.pods().inNamespace(ns).list().getItems().isEmpty());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void theAppRunsHardenedFromItsDigestAndChatsThroughTheCluster() throws Exception {
    apply(cr("minimal", appDigest, ""));

    ChatbotDeployment cr = awaitPhase("minimal", Phase.Ready, APP_START);

    assertThat(cr.getStatus().getReady()).isEqualTo("1/1");
    Pod pod = runningPod("minimal");
    assertThat(pod.getSpec().getNodeName()).isEqualTo("realnode-0");
    assertThat(pod.getStatus().getContainerStatuses().get(0).getImageID()).endsWith(appDigest);
    ContainerProcess app = containers.process(pod, "chatbot");
    assertThat(app.uids()).containsOnly(10001L);
    assertThat(app.gids()).containsOnly(10001L);
    assertThat(app.groups()).contains(10001L);
    assertThat(app.mountOptions("/")).contains("ro");
    assertThat(app.mountOptions("/tmp")).contains("rw");
    assertThat(app.mountOptions("/data/uploads")).contains("rw");
    assertThat(app.mountOptions("/data/exports")).contains("rw");

    try (LocalPortForward forward = forward(pod)) {
      String base = "http://127.0.0.1:" + forward.getLocalPort();
      String uploaded =
          AppHttp.upload(
              base, "runbook.txt", "The chatbot pod runs as uid 10001 with a read-only root.");
      assertThat(uploaded).contains("runbook.txt");
      String answer =
          AppHttp.post(base + "/api/chat", "{\"message\": \"Which uid does the pod run as?\"}");
      assertThat(answer).contains("runbook.txt").contains("10001");
      String conversation = YAML.unmarshal(answer, Map.class).get("conversationId").toString();
      assertThat(AppHttp.post(base + "/api/conversations/" + conversation + "/export", "{}"))
          .contains(conversation);
    }
    // The writes went through the container as uid 10001 onto the PersistentVolumes' directories.
    assertThat(ownedFiles(app.file("/data/uploads"))).isNotEmpty();
    assertThat(ownedFiles(app.file("/data/exports"))).isNotEmpty();
    assertThat(ownedFiles(app.file("/tmp"))).isNotEmpty();

    // A new pod (same PVCs, on the node's local volumes) still has the document and the export.
    admin.pods().inNamespace(ns).withName(pod.getMetadata().getName()).delete();
    Pod next =
        await()
            .atMost(APP_START)
            .until(
                () -> runningPod("minimal"),
                p -> !p.getMetadata().getUid().equals(pod.getMetadata().getUid()));
    try (LocalPortForward forward = forward(next)) {
      String base = "http://127.0.0.1:" + forward.getLocalPort();
      assertThat(AppHttp.getBody(base + "/api/documents")).contains("runbook.txt");
    }
    assertThat(ownedFiles(containers.process(next, "chatbot").file("/data/exports"))).isNotEmpty();
  }

  @Test
  void aContainerThatExitsAtStartIsRolledBackFromARealCrashLoop() throws Exception {
    String crasher =
        new NodeImages(cluster)
            .push(
                NodeImages.singleBinaryImage(
                    tmp, Path.of("/usr/bin/tini-static"), "exits-at-start"),
                "chatbot-app",
                "exits-at-start");
    apply(cr("crashes", appDigest, ""));
    awaitPhase("crashes", Phase.Ready, APP_START);

    apply(cr("crashes", crasher, ""));

    Instant firstExit =
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> firstTermination("crashes", crasher), t -> t != null);
    ChatbotDeployment cr = awaitPhase("crashes", Phase.RolledBack, Duration.ofSeconds(90));
    Instant rolledBack = rolledBackAt(cr);
    Duration took = Duration.between(firstExit, rolledBack);
    System.out.printf(
        "[node-it] real crash loop -> RolledBack in %d ms after the first exit%n", took.toMillis());
    assertThat(took).isLessThanOrEqualTo(FAILURE_THRESHOLD.plusSeconds(10));
    assertThat(cr.getStatus().getFailedRevision()).isNotBlank();
    assertThat(imageOf("crashes")).endsWith(appDigest);
    assertThat(runningPod("crashes").getStatus().getContainerStatuses().get(0).getImageID())
        .endsWith(appDigest);
  }

  @Test
  void aContainerThatNeverBecomesReadyIsRolledBackAtTheProgressDeadline() throws Exception {
    // The pause binary runs forever and serves no HTTP: every probe fails, nothing crashes.
    String silent =
        new NodeImages(cluster)
            .push(
                NodeImages.singleBinaryImage(
                    tmp, RealCluster.binDir().resolve("pause"), "never-ready"),
                "chatbot-app",
                "never-ready");
    // The good revision gets the default deadline: a loaded 2-core machine can take over 30 s to
    // start the app. The deadline of 30 s comes with the revision that never gets ready.
    apply(cr("silent", appDigest, ""));
    awaitPhase("silent", Phase.Ready, APP_START);

    Instant applied = Instant.now();
    apply(cr("silent", silent, "  rollout: {progressDeadlineSeconds: 30}\n"));

    ChatbotDeployment cr = awaitPhase("silent", Phase.RolledBack, Duration.ofSeconds(120));
    Duration took = Duration.between(applied, rolledBackAt(cr));
    System.out.printf(
        "[node-it] never ready -> RolledBack %d ms after the apply (deadline 30 s)%n",
        took.toMillis());
    assertThat(took).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(30 + 15));
    assertThat(imageOf("silent")).endsWith(appDigest);
  }

  @Test
  void aRotatedApiKeyRollsThePodAndTheNewPodSeesTheNewKey() throws Exception {
    crs.putSecret("llm", "api-key", "sk-first");
    // An OpenAI-compatible model nobody listens for: not required for readiness by default.
    String model =
        "  model: {provider: openai, baseUrl: \"http://127.0.0.1:9/v1\", name: m,"
            + " apiKeySecretRef: {name: llm, key: api-key}}\n";
    apply(cr("rotates", appDigest, model));
    awaitPhase("rotates", Phase.Ready, APP_START);
    Pod first = runningPod("rotates");
    assertThat(containers.process(first, "chatbot").environment())
        .containsEntry("CHATBOT_MODEL_API_KEY", "sk-first");

    crs.putSecret("llm", "api-key", "sk-second");

    Pod second =
        await()
            .atMost(APP_START)
            .until(
                () -> runningPod("rotates"),
                p -> !p.getMetadata().getUid().equals(first.getMetadata().getUid()));
    assertThat(containers.process(second, "chatbot").environment())
        .containsEntry("CHATBOT_MODEL_API_KEY", "sk-second");
  }

  @Test
  void aModelOutageMakesThePodNotReadyButNeverRestartsIt() throws Exception {
    String model =
        "  model: {provider: openai, baseUrl: \"http://127.0.0.1:9/v1\", name: m}\n"
            + "  env: [{name: CHATBOT_MODEL_REQUIRED_FOR_READINESS, value: \"true\"}]\n";
    apply(cr("outage", appDigest, model));

    // Started (the startup probe passed: liveness only), but never ready while the model is down.
    Pod pod =
        await()
            .atMost(APP_START)
            .until(
                () -> podOf("outage"),
                p ->
                    p != null
                        && p.getStatus().getContainerStatuses() != null
                        && p.getStatus().getContainerStatuses().stream()
                            .anyMatch(s -> Boolean.TRUE.equals(s.getStarted())));
    // Liveness runs every periodSeconds (10 s) with failureThreshold 6: a minute is enough to see a
    // restart.
    Thread.sleep(Duration.ofSeconds(70).toMillis());
    Pod later = podOf("outage");
    assertThat(later.getMetadata().getUid()).isEqualTo(pod.getMetadata().getUid());
    assertThat(later.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
    assertThat(later.getStatus().getContainerStatuses().get(0).getReady()).isFalse();
    try (LocalPortForward forward = forward(later)) {
      String base = "http://127.0.0.1:" + forward.getLocalPort();
      assertThat(AppHttp.status(base + "/actuator/health/liveness")).isEqualTo(200);
      assertThat(AppHttp.status(base + "/actuator/health/readiness")).isEqualTo(503);
    }
    assertThat(get("outage").getStatus().getPhase()).isNotEqualTo(Phase.Ready);
  }

  static List<Path> ownedFiles(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                try {
                  return ((Number) Files.getAttribute(f, "unix:uid")).intValue() == 10001;
                } catch (Exception e) {
                  return false;
                }
              })
          .toList();
    }
  }

  @Test
  void aStabilizedRevisionKilledByItsMemoryLimitIsDegradedNotRolledBack() throws Exception {
    apply(cr("oom", appDigest, ""));
    awaitPhase("oom", Phase.Ready, APP_START);
    Pod pod = runningPod("oom");
    String revision = get("oom").getStatus().getCurrentRevision();

    // The node squeezes the running container's memory cgroup to just above what it uses (as
    // memory pressure on a full node would): the next allocations make the kernel OOM-kill it.
    ContainerProcess app = containers.process(pod, "chatbot");
    app.limitMemoryToCurrentUsagePlus(4 * 1024 * 1024);
    System.out.println("[node-it] squeezed: " + app.memoryReport());
    // Uploads keep it allocating until the kernel kills it. A fixed count was not always enough:
    // heap pages the JVM touched before (at startup, or by garbage since collected) absorb new
    // documents until they are used up, so whether 50 uploads in a row crossed the limit depended
    // on how much of the touched heap was free. Four at a time also grow ONNX Runtime's native
    // buffers. A failed upload ends the loop; only an OOMKilled container passes below.
    ExecutorService uploaders = Executors.newFixedThreadPool(4);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    try (LocalPortForward forward = forward(pod)) {
      String base = "http://127.0.0.1:" + forward.getLocalPort();
      boolean killed = false;
      for (int round = 0;
          !killed && !oomKilled("oom") && Instant.now().isBefore(deadline);
          round++) {
        List<Future<String>> uploads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          String name = "big-" + round + "-" + i + ".txt";
          uploads.add(
              uploaders.submit(
                  () -> AppHttp.upload(base, name, (name + " memory ").repeat(100_000))));
        }
        for (Future<String> upload : uploads) {
          try {
            upload.get();
          } catch (ExecutionException killedMeanwhile) {
            killed = true;
          }
        }
        System.out.println("[node-it] upload round " + round + ": " + memoryOf(app));
      }
    } finally {
      uploaders.shutdownNow();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(oomKilled("oom"))
                    .as("OOMKilled in %s", podOf("oom").getStatus().getContainerStatuses())
                    .isTrue());

    ChatbotDeployment cr = awaitPhase("oom", Phase.Degraded, Duration.ofSeconds(60));

    assertThat(cr.getStatus().condition("Degraded").orElseThrow().getReason())
        .isIn("PodsCrashLooping", "PodsNotReady");
    assertThat(cr.getStatus().getFailedRevision()).isNullOrEmpty();
    assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(revision);
    assertThat(imageOf("oom")).endsWith(appDigest);
    // The restarted container got its full limit back: the same revision serves again.
    ChatbotDeployment recovered = awaitPhase("oom", Phase.Ready, APP_START);
    assertThat(recovered.getStatus().getCurrentRevision()).isEqualTo(revision);
    assertThat(recovered.getStatus().getFailedRevision()).isNullOrEmpty();
  }

  static String memoryOf(ContainerProcess app) {
    try {
      return app.memoryReport();
    } catch (IllegalStateException gone) {
      return "process gone (" + gone.getMessage() + ")";
    }
  }

  static boolean oomKilled(String name) {
    Pod pod = podOf(name);
    return pod != null
        && pod.getStatus().getContainerStatuses() != null
        && pod.getStatus().getContainerStatuses().stream()
            .anyMatch(
                s ->
                    s.getLastState() != null
                        && s.getLastState().getTerminated() != null
                        && "OOMKilled".equals(s.getLastState().getTerminated().getReason()));
  }

  // --- helpers

  /** When the first container of the CR's pods running {@code digest} terminated, if one has. */
  static Instant firstTermination(String name, String digest) {
    return admin
        .pods()
        .inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", name)
        .list()
        .getItems()
        .stream()
        .flatMap(
            p ->
                p.getStatus().getContainerStatuses() == null
                    ? java.util.stream.Stream.empty()
                    : p.getStatus().getContainerStatuses().stream())
        .filter(
            s ->
                s.getImage() != null && s.getImage().endsWith(digest)
                    || s.getImageID() != null && s.getImageID().endsWith(digest))
        .map(
            s ->
                s.getLastState() != null && s.getLastState().getTerminated() != null
                    ? s.getLastState().getTerminated().getFinishedAt()
                    : s.getState() != null && s.getState().getTerminated() != null
                        ? s.getState().getTerminated().getFinishedAt()
                        : null)
        .filter(java.util.Objects::nonNull)
        .map(Instant::parse)
        .min(Instant::compareTo)
        .orElse(null);
  }

  /** When the RolledBack condition turned True. */
  static Instant rolledBackAt(ChatbotDeployment cr) {
    return cr.getStatus().getConditions().stream()
        .filter(c -> "RolledBack".equals(c.getType()) && "True".equals(c.getStatus()))
        .map(c -> Instant.parse(c.getLastTransitionTime()))
        .findFirst()
        .orElseThrow();
  }

  static String imageOf(String name) {
    return crs.image(name);
  }

  /** The CR's newest live pod, ready or not. */
  static Pod podOf(String name) {
    return admin
        .pods()
        .inNamespace(ns)
        .withLabel("app.kubernetes.io/instance", name)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .max(java.util.Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
        .orElse(null);
  }

  static String cr(String name, String digest, String extraSpec) {
    return "apiVersion: chatbot.dev/v1alpha1\nkind: ChatbotDeployment\nmetadata: {name: "
        + name
        + "}\nspec:\n  image: {repository: \""
        + repository
        + "\", digest: \""
        + digest
        + "\"}\n"
        + extraSpec;
  }

  static void apply(String yaml) {
    crs.applyYaml(yaml);
  }

  static ChatbotDeployment get(String name) {
    return crs.get(name);
  }

  static ChatbotDeployment awaitPhase(String name, Phase phase, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> get(name),
            cr ->
                cr != null
                    && cr.getStatus() != null
                    && cr.getStatus().getPhase() == phase
                    && cr.getMetadata()
                        .getGeneration()
                        .equals(cr.getStatus().getObservedGeneration()));
  }

  /** The one running, ready pod of the CR's Deployment. */
  static Pod runningPod(String name) {
    return ReadyPods.one(admin, ns, "app.kubernetes.io/instance", name, Duration.ofSeconds(60));
  }

  static LocalPortForward forward(Pod pod) {
    return admin.pods().inNamespace(ns).withName(pod.getMetadata().getName()).portForward(8080);
  }
}
