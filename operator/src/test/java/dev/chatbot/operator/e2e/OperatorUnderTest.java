package dev.chatbot.operator.e2e;

import dev.chatbot.operator.config.OperatorConfig;
import dev.chatbot.operator.reconciler.StepListener;
import dev.chatbot.operator.registry.ImageDigestResolver;
import dev.chatbot.operator.runtime.OperatorClient;
import dev.chatbot.operator.runtime.OperatorRuntime;
import dev.chatbot.operator.testing.RepoFiles;
import dev.chatbot.operator.testing.cluster.RealCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as users install it: CRD and RBAC from manifests/install.yaml, running in this JVM
 * with a client that authenticates as its own ServiceAccount (so a missing RBAC verb fails here).
 */
final class OperatorUnderTest implements AutoCloseable {

  static final String NAMESPACE = "chatbot-system";
  static final String SERVICE_ACCOUNT = "chatbot-operator";

  private final KubernetesClient client;
  private final OperatorRuntime runtime;

  private OperatorUnderTest(KubernetesClient client, OperatorRuntime runtime) {
    this.client = client;
    this.runtime = runtime;
  }

  /** CRD and RBAC, applied once per cluster by the admin (as `kubectl apply -f` would). */
  static synchronized void install(KubernetesClient admin) {
    apply(admin, "crds/chatbotdeployments.chatbot.dev-v1.yml");
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("chatbotdeployments.chatbot.dev")
        .waitUntilCondition(OperatorUnderTest::established, 60, TimeUnit.SECONDS);
    // Everything a user's `kubectl apply -f manifests/install.yaml` creates (the chart rendered
    // with defaults). Its operator pod lands on a KWOK node, where no container runs: the operator
    // itself runs in this JVM under that ServiceAccount's token (start below).
    apply(admin, "manifests/install.yaml");
  }

  private static void apply(KubernetesClient admin, String file) {
    try (var in = new FileInputStream(RepoFiles.resolve(file).toFile())) {
      List<HasMetadata> items = admin.load(in).items();
      for (HasMetadata item : items) {
        admin.resource(item).fieldManager("e2e-install").forceConflicts().serverSideApply();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OperatorUnderTest start(RealCluster cluster, OperatorConfig config) {
    return start(cluster, config, NAMESPACE, SERVICE_ACCOUNT, StepListener.NONE);
  }

  /** An operator whose reconciles report each write step to {@code listener}. */
  static OperatorUnderTest start(
      RealCluster cluster, OperatorConfig config, StepListener listener) {
    return start(cluster, config, NAMESPACE, SERVICE_ACCOUNT, listener);
  }

  /** The operator authenticated as {@code serviceAccount} of {@code namespace} (its install). */
  static OperatorUnderTest start(
      RealCluster cluster, OperatorConfig config, String namespace, String serviceAccount) {
    return start(cluster, config, namespace, serviceAccount, StepListener.NONE);
  }

  private static OperatorUnderTest start(
      RealCluster cluster,
      OperatorConfig config,
      String namespace,
      String serviceAccount,
      StepListener listener) {
    KubernetesClient admin = cluster.client();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(serviceAccount)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Config admins = cluster.config();
    Config asOperator =
        new ConfigBuilder()
            .withMasterUrl(admins.getMasterUrl())
            .withCaCertData(admins.getCaCertData())
            .withCaCertFile(admins.getCaCertFile())
            .withTrustCerts(admins.isTrustCerts())
            .withOauthToken(token)
            .withNamespace(namespace)
            .build();
    KubernetesClient client = OperatorClient.builder().withConfig(asOperator).build();
    OperatorRuntime runtime =
        new OperatorRuntime(
            config, client, ImageDigestResolver.standard(), Clock.systemUTC(), false, listener);
    runtime.start();
    return new OperatorUnderTest(client, runtime);
  }

  /** Stabilization window of the CRs these tests apply: seconds, not the default minute. */
  static final int WINDOW_SECONDS = 2;

  /** Sets spec.rollout.stabilizationSeconds to {@link #WINDOW_SECONDS} unless the CR sets it. */
  @SuppressWarnings("unchecked")
  static GenericKubernetesResource withShortWindow(GenericKubernetesResource cr) {
    Map<String, Object> spec = (Map<String, Object>) cr.getAdditionalProperties().get("spec");
    Map<String, Object> rollout =
        (Map<String, Object>) spec.computeIfAbsent("rollout", k -> new LinkedHashMap<>());
    rollout.putIfAbsent("stabilizationSeconds", WINDOW_SECONDS);
    return cr;
  }

  static OperatorConfig config() {
    return OperatorConfig.defaults()
        .withLeaderElection(false)
        .withFailureThreshold(Duration.ofSeconds(5))
        .withHttpPort(0);
  }

  OperatorRuntime runtime() {
    return runtime;
  }

  /**
   * Cuts this operator off the API server at once, as if its process died: every later read and
   * write of it fails, the one in flight included.
   */
  void kill() {
    client.close();
  }

  @Override
  public void close() {
    runtime.close();
    client.close();
  }

  /**
   * The CRD serves its kind. A CRD just created already has a status (storedVersions) but no
   * conditions until the API server's establishing controller has run.
   */
  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
