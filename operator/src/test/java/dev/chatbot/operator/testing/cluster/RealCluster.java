package dev.chatbot.operator.testing.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler
 * and kwok with two fake nodes) started by {@code test-infra/cluster.sh up} once per JVM, on first
 * use, and stopped by a shutdown hook ({@code cluster.sh down}). Use it through {@link
 * RealClusterTest}.
 *
 * <p>Cluster facts: see {@code test-infra/cluster.sh} and {@code test-infra/kwok/stages.yaml} (pods
 * scheduled to the fake nodes become Running/Ready; label {@code chatbot.dev/simulate} =
 * crashloop|imagepull|never-ready, or an image digest starting with {@code sha256:dead}, simulates
 * failures; PVCs of the default StorageClass {@code standard} are bound within about a second).
 */
public final class RealCluster {

  /** Same default and override as test-infra/build-control-plane.sh. */
  public static final String K8S_VERSION = System.getenv().getOrDefault("K8S_VERSION", "v1.37.2");

  static final List<String> BINARIES =
      List.of(
          "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl", "kwok");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  /**
   * Real nodes to start beside the KWOK ones (system property {@code chatbot.realNodes}, set by the
   * node tier's Failsafe execution): see test-infra/real-nodes.sh.
   */
  public static final int REAL_NODES = Integer.getInteger("chatbot.realNodes", 0);

  private static RealCluster instance;
  private static RuntimeException startFailure;

  private final Path stateDir;
  private final Duration startupTime;
  private final KubernetesClient client;

  private RealCluster(Path stateDir, Duration startupTime) {
    this.stateDir = stateDir;
    this.startupTime = startupTime;
    this.client = newClient();
  }

  /** The repository root: system property {@code chatbot.repoRoot} (set by surefire/failsafe). */
  public static Path repoRoot() {
    return Path.of(System.getProperty("chatbot.repoRoot", "..")).toAbsolutePath().normalize();
  }

  /**
   * Where test-infra/build-control-plane.sh puts the binaries: {@code $CHATBOT_K8S_BIN}, else
   * {@code ${CHATBOT_INFRA_CACHE:-~/.cache/chatbot-operator}/k8s/<version>/bin}.
   */
  public static Path binDir() {
    String bin = System.getenv("CHATBOT_K8S_BIN");
    if (bin != null && !bin.isBlank()) {
      return Path.of(bin);
    }
    String cache = System.getenv("CHATBOT_INFRA_CACHE");
    Path base =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache", "chatbot-operator");
    return base.resolve("k8s").resolve(K8S_VERSION).resolve("bin");
  }

  /** True when every binary cluster.sh needs is present and executable. */
  public static boolean binariesPresent() {
    Path dir = binDir();
    return BINARIES.stream().allMatch(b -> Files.isExecutable(dir.resolve(b)));
  }

  /**
   * The JVM-wide cluster, started on the first call (about 15 s). A failed start is remembered and
   * rethrown to later callers instead of being retried.
   */
  public static synchronized RealCluster get() {
    if (instance != null) {
      return instance;
    }
    if (startFailure != null) {
      throw new IllegalStateException(
          "the real control plane failed to start earlier: " + startFailure.getMessage(),
          startFailure);
    }
    try {
      instance = start();
      return instance;
    } catch (RuntimeException e) {
      startFailure = e;
      throw e;
    }
  }

  private static RealCluster start() {
    Path script = repoRoot().resolve("test-infra/cluster.sh");
    Path state;
    try {
      state = Files.createTempDirectory("chatbot-k8s-");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a state directory", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(state), "real-cluster-down"));
    long t0 = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(upCommand(script, state)).redirectErrorStream(true);
    pb.environment().put("CHATBOT_K8S_BIN", binDir().toString());
    // cluster.sh runs `down` by itself if this JVM dies without running its shutdown hooks.
    pb.environment().put("CHATBOT_CLUSTER_OWNER_PID", Long.toString(ProcessHandle.current().pid()));
    String output;
    int rc;
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      // The components are detached with their own log files, so this ends when the script does.
      output = readAll(p.getInputStream());
      if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("cluster.sh up did not finish in " + START_TIMEOUT);
      }
      rc = p.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the control plane", e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    if (rc != 0) {
      throw new IllegalStateException(
          "test-infra/cluster.sh up " + state + " failed (exit " + rc + "):\n" + output);
    }
    System.out.printf(
        Locale.ROOT,
        "[real-cluster] Kubernetes %s control plane up in %.1fs (state %s)%n",
        K8S_VERSION,
        took.toMillis() / 1000.0,
        state);
    return new RealCluster(state, took);
  }

  private static List<String> upCommand(Path script, Path state) {
    List<String> command =
        new java.util.ArrayList<>(List.of("bash", script.toString(), "up", "" + state));
    if (REAL_NODES > 0) {
      command.addAll(List.of("--real-nodes", Integer.toString(REAL_NODES)));
    }
    return command;
  }

  /**
   * What this machine lacks for real nodes, in one line ({@code cluster.sh real-nodes-missing}), or
   * an empty string when it can run them.
   */
  public static String realNodesMissing() {
    try {
      String out = runScript(Duration.ofSeconds(30), "real-nodes-missing");
      return out.strip();
    } catch (IllegalStateException e) {
      return "a working test-infra/cluster.sh (" + e.getMessage() + ")";
    }
  }

  /** Runs test-infra/cluster.sh with these arguments and returns its output; fails on exit != 0. */
  private static String runScript(Duration timeout, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("bash", "" + repoRoot().resolve("test-infra/cluster.sh")));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("CHATBOT_K8S_BIN", binDir().toString());
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out = readAll(p.getInputStream());
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "cluster.sh "
                + String.join(" ", args)
                + " failed (exit "
                + p.exitValue()
                + "): "
                + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run cluster.sh: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The port of the cluster's OCI registry on 127.0.0.1 (real-node clusters only). */
  public int registryPort() {
    try {
      return Files.readAllLines(stateDir.resolve("ports.env")).stream()
          .filter(l -> l.startsWith("REGISTRY_PORT="))
          .map(l -> l.substring("REGISTRY_PORT=".length()))
          .filter(v -> !v.isBlank())
          .mapToInt(Integer::parseInt)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("this cluster has no real nodes"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The directory of real node {@code realnode-<i>} (its containerd socket, kubelet root). */
  public Path realNodeDir(int i) {
    return stateDir.resolve("nodes").resolve("realnode-" + i);
  }

  /**
   * Creates a namespace {@code <prefix>-<random>} whose pods all run on the real nodes (Pod
   * Security "restricted" enforced), and waits for its default ServiceAccount.
   */
  public String createRealNodeNamespace(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    runScript(Duration.ofSeconds(30), "real-namespace", stateDir.toString(), name);
    client
        .serviceAccounts()
        .inNamespace(name)
        .withName("default")
        .waitUntilCondition(sa -> sa != null, 30, TimeUnit.SECONDS);
    return name;
  }

  private static void stop(Path state) {
    RealCluster cluster;
    synchronized (RealCluster.class) {
      cluster = instance;
    }
    if (cluster != null) {
      cluster.client.close();
    }
    if (Boolean.getBoolean("chatbot.keepCluster")) {
      System.out.println("[real-cluster] kept (chatbot.keepCluster): " + state);
      return;
    }
    try {
      Process p =
          new ProcessBuilder(
                  "bash",
                  repoRoot().resolve("test-infra/cluster.sh").toString(),
                  "down",
                  "" + state)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      System.err.println("[real-cluster] cluster.sh down failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String readAll(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The state directory (kubeconfig, logs/, pids/, pki/, etcd/); deleted at JVM exit. */
  public Path stateDir() {
    return stateDir;
  }

  /** Component logs: etcd.log, kube-apiserver.log, kube-controller-manager.log, ... kwok.log. */
  public Path logsDir() {
    return stateDir.resolve("logs");
  }

  /** Admin kubeconfig (bearer token in group system:masters), server https://127.0.0.1:port. */
  public Path kubeconfigPath() {
    return stateDir.resolve("kubeconfig");
  }

  /** Wall-clock time {@code cluster.sh up} took, until nodes were Ready. */
  public Duration startupTime() {
    return startupTime;
  }

  /** A shared admin client for this cluster; do not close it (closed at JVM exit). */
  public KubernetesClient client() {
    return client;
  }

  /** A new admin client from the kubeconfig; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  /** A fresh fabric8 Config from the kubeconfig, e.g. to hand to an operator under test. */
  public Config config() {
    return Config.fromKubeconfig(kubeconfigPath().toFile());
  }

  /**
   * Creates a namespace {@code <prefix>-<random>} with the given labels and waits until its
   * "default" ServiceAccount exists (the ServiceAccount admission plugin rejects pods before that).
   */
  public Namespace createNamespace(String prefix, Map<String, String> labels) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Namespace ns =
        client
            .namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withLabels(labels)
                    .endMetadata()
                    .build())
            .create();
    client
        .serviceAccounts()
        .inNamespace(name)
        .withName("default")
        .waitUntilCondition(sa -> sa != null, 30, TimeUnit.SECONDS);
    return ns;
  }
}
