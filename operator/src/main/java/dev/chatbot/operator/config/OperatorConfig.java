package dev.chatbot.operator.config;

import dev.chatbot.operator.registry.RegistrySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting of the operator process, read once from the environment (documented in
 * docs/operator.md). Nothing else reads environment variables.
 *
 * @param namespaces namespaces to watch; empty means all namespaces
 * @param leaderElection whether to take a Lease before reconciling (on for more than one replica)
 * @param leaseName name of the Lease
 * @param leaseNamespace namespace of the Lease (the operator's own namespace)
 * @param httpPort port of /healthz, /readyz and /metrics
 * @param reconcileThreads how many CRs are reconciled at once
 * @param failureThreshold how long a container may crash- or pull-loop, counted from when it
 *     entered that state, before it counts as failing
 * @param resyncInterval longest time between two reconciles of a CR, events or not
 * @param serverSideApply apply owned objects with server-side apply (off only for test servers)
 * @param appImage the chatbot-app image a CR without spec.image runs (this release's)
 * @param registry how tags are resolved: timeout, CA bundle, insecure registries, lookup threads
 */
public record OperatorConfig(
    Set<String> namespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int httpPort,
    int reconcileThreads,
    Duration failureThreshold,
    Duration resyncInterval,
    boolean serverSideApply,
    BundledAppImage appImage,
    RegistryConfig registry) {

  public static final String PREFIX = "CHATBOT_OPERATOR_";

  public static OperatorConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static OperatorConfig from(Map<String, String> env) {
    return new OperatorConfig(
        list(env.get(PREFIX + "NAMESPACES")),
        bool(env, "LEADER_ELECTION", true),
        env.getOrDefault(PREFIX + "LEASE_NAME", "chatbot-operator-leader"),
        env.getOrDefault(PREFIX + "LEASE_NAMESPACE", env.getOrDefault("POD_NAMESPACE", "default")),
        integer(env, "HTTP_PORT", 8080),
        integer(env, "RECONCILE_THREADS", 30),
        Duration.ofSeconds(integer(env, "FAILURE_THRESHOLD_SECONDS", 60)),
        Duration.ofSeconds(integer(env, "RESYNC_SECONDS", 300)),
        bool(env, "SERVER_SIDE_APPLY", true),
        BundledAppImage.from(env),
        new RegistryConfig(
            new RegistrySettings(
                Duration.ofSeconds(Math.max(1, integer(env, "REGISTRY_TIMEOUT_SECONDS", 10))),
                Optional.ofNullable(env.get(PREFIX + "REGISTRY_CA_BUNDLE"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(Path::of),
                list(env.get(PREFIX + "INSECURE_REGISTRIES"))),
            Math.max(1, integer(env, "RESOLVER_THREADS", 4))));
  }

  /** Defaults, for tests and the playground. */
  public static OperatorConfig defaults() {
    return from(Map.of());
  }

  public OperatorConfig withNamespaces(Set<String> value) {
    return new Builder(this).namespaces(value).build();
  }

  public OperatorConfig withLeaderElection(boolean value) {
    return new Builder(this).leaderElection(value).build();
  }

  public OperatorConfig withLease(String name, String namespace) {
    return new Builder(this).lease(name, namespace).build();
  }

  public OperatorConfig withServerSideApply(boolean value) {
    return new Builder(this).serverSideApply(value).build();
  }

  public OperatorConfig withHttpPort(int value) {
    return new Builder(this).httpPort(value).build();
  }

  public OperatorConfig withFailureThreshold(Duration value) {
    return new Builder(this).failureThreshold(value).build();
  }

  public OperatorConfig withResyncInterval(Duration value) {
    return new Builder(this).resyncInterval(value).build();
  }

  public OperatorConfig withAppImage(BundledAppImage value) {
    return new Builder(this).appImage(value).build();
  }

  public OperatorConfig withRegistry(RegistryConfig value) {
    return new Builder(this).registry(value).build();
  }

  /**
   * Tag resolution settings.
   *
   * @param settings timeout, CA bundle and insecure registries of the registry client
   * @param threads lookups at once (TagResolutions); reconcile threads never wait on them
   */
  public record RegistryConfig(RegistrySettings settings, int threads) {}

  /** A copy with some settings changed (tests, the playground). */
  private static final class Builder {
    private Set<String> namespaces;
    private boolean leaderElection;
    private String leaseName;
    private String leaseNamespace;
    private int httpPort;
    private final int reconcileThreads;
    private Duration failureThreshold;
    private Duration resyncInterval;
    private boolean serverSideApply;
    private BundledAppImage appImage;
    private RegistryConfig registry;

    Builder(OperatorConfig c) {
      namespaces = c.namespaces;
      leaderElection = c.leaderElection;
      leaseName = c.leaseName;
      leaseNamespace = c.leaseNamespace;
      httpPort = c.httpPort;
      reconcileThreads = c.reconcileThreads;
      failureThreshold = c.failureThreshold;
      resyncInterval = c.resyncInterval;
      serverSideApply = c.serverSideApply;
      appImage = c.appImage;
      registry = c.registry;
    }

    Builder registry(RegistryConfig v) {
      registry = v;
      return this;
    }

    Builder namespaces(Set<String> v) {
      namespaces = v;
      return this;
    }

    Builder leaderElection(boolean v) {
      leaderElection = v;
      return this;
    }

    Builder lease(String name, String namespace) {
      leaseName = name;
      leaseNamespace = namespace;
      return this;
    }

    Builder httpPort(int v) {
      httpPort = v;
      return this;
    }

    Builder failureThreshold(Duration v) {
      failureThreshold = v;
      return this;
    }

    Builder resyncInterval(Duration v) {
      resyncInterval = v;
      return this;
    }

    Builder serverSideApply(boolean v) {
      serverSideApply = v;
      return this;
    }

    Builder appImage(BundledAppImage v) {
      appImage = v;
      return this;
    }

    OperatorConfig build() {
      return new OperatorConfig(
          namespaces,
          leaderElection,
          leaseName,
          leaseNamespace,
          httpPort,
          reconcileThreads,
          failureThreshold,
          resyncInterval,
          serverSideApply,
          appImage,
          registry);
    }
  }

  private static Set<String> list(String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static boolean bool(Map<String, String> env, String key, boolean fallback) {
    String value = env.get(PREFIX + key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (!List.of("true", "false").contains(value.trim().toLowerCase())) {
      throw new IllegalArgumentException(
          PREFIX + key + " must be true or false, got '" + value + "'");
    }
    return Boolean.parseBoolean(value.trim());
  }

  private static int integer(Map<String, String> env, String key, int fallback) {
    String value = env.get(PREFIX + key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PREFIX + key + " must be a non-negative integer, got '" + value + "'");
    }
  }
}
