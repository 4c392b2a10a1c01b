package dev.chatbot.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.testing.cluster.RealCluster;
import dev.chatbot.operator.testing.cluster.RealClusterTest;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Steady state costs no write: 100 ready CRs (some with monitoring, a referenced Secret and
 * ConfigMap) and an idle minute with resyncs in it, while the API server's audit log (cluster.sh,
 * test-infra/audit-policy.yaml) records every write of the operator's ServiceAccount.
 */
@RealClusterTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SteadyStateWritesIT {

  /** CRs; system property chatbot.steady.crs overrides it for a quick local look. */
  static final int N = Integer.getInteger("chatbot.steady.crs", 100);

  static final int MONITORED = Math.min(5, N);
  static final Duration RESYNC = Duration.ofSeconds(20);
  static final Duration IDLE = Duration.ofSeconds(60);
  static final String DIGEST = "sha256:" + "1".repeat(64);
  static final String OPERATOR_USER =
      "system:serviceaccount:"
          + OperatorUnderTest.NAMESPACE
          + ":"
          + OperatorUnderTest.SERVICE_ACCOUNT;
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  static RealCluster cluster;
  static KubernetesClient admin;
  static OperatorUnderTest operator;
  static String ns;
  static NamespaceCrs crs;
  static List<CustomResourceDefinition> monitoringCrds;

  @BeforeAll
  static void start(RealCluster realCluster) {
    cluster = realCluster;
    admin = realCluster.client();
    OperatorUnderTest.install(admin);
    monitoringCrds =
        List.of(crd("ServiceMonitor", "servicemonitors"), crd("PrometheusRule", "prometheusrules"));
    for (CustomResourceDefinition crd : monitoringCrds) {
      admin.resource(crd).createOr(c -> c.update());
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(OperatorUnderTest::established, 60, TimeUnit.SECONDS);
    }
    ns =
        realCluster
            .createNamespace("steady", Map.of("pod-security.kubernetes.io/enforce", "restricted"))
            .getMetadata()
            .getName();
    crs = new NamespaceCrs(admin, ns);
    operator =
        OperatorUnderTest.start(
            realCluster,
            OperatorUnderTest.config().withNamespaces(Set.of(ns)).withResyncInterval(RESYNC));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (ns != null) {
      // Frees the KWOK nodes' pod slots for the test classes that run after this one.
      admin.namespaces().withName(ns).delete();
    }
    if (monitoringCrds != null) {
      monitoringCrds.forEach(crd -> admin.resource(crd).delete());
    }
  }

  @Test
  @Order(1)
  void anIdleMinuteWithResyncsCostsNoWrite() throws IOException {
    crs.putSecret("llm", "api-key", "k");
    crs.createConfigMap("settings", "greeting", "hello");
    for (int i = 0; i < N; i++) {
      crs.apply(name(i), DIGEST, i < MONITORED ? monitoredSpec() : "");
    }
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(2))
        .until(SteadyStateWritesIT::allStable);
    assertThat(monitoringObjects("servicemonitors")).hasSize(MONITORED);
    assertThat(monitoringObjects("prometheusrules")).hasSize(MONITORED);
    Path audit = cluster.logsDir().resolve("audit.log");
    long from = Files.size(audit);

    sleep(IDLE);

    List<String> writes = operatorWrites(audit, from);
    assertThat(writes)
        .as(
            "write requests of %s in an idle %s with a resync every %s (%d CRs)",
            OPERATOR_USER, IDLE, RESYNC, N)
        .isEmpty();
  }

  @Test
  @Order(2)
  void switchingMonitoringOffDeletesTheServiceMonitorAndRule() {
    crs.apply(name(0), DIGEST, "");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(monitoringObjects("servicemonitors"))
                  .hasSize(MONITORED - 1)
                  .doesNotContain(name(0));
              assertThat(monitoringObjects("prometheusrules"))
                  .hasSize(MONITORED - 1)
                  .doesNotContain(name(0));
            });
  }

  static String monitoredSpec() {
    return "  monitoring: {serviceMonitor: true, prometheusRule: true}\n"
        + "  model: {provider: openai, baseUrl: 'https://llm.example.com/v1',"
        + " apiKeySecretRef: {name: llm, key: api-key}}\n"
        + "  env: [{name: GREETING, valueFrom: {configMapKeyRef: {name: settings, key: greeting}}}]\n";
  }

  static String name(int i) {
    return "c" + i;
  }

  /** Ready, on the spec's revision, and known-good (the stabilization window is over). */
  static boolean allStable() {
    List<ChatbotDeployment> all =
        admin.resources(ChatbotDeployment.class).inNamespace(ns).list().getItems();
    return all.size() == N
        && all.stream()
            .allMatch(
                cr ->
                    cr.getStatus() != null
                        && cr.getStatus().getPhase() == Phase.Ready
                        && cr.getMetadata()
                            .getGeneration()
                            .equals(cr.getStatus().getObservedGeneration())
                        && cr.getStatus().getCurrentRevision() != null
                        && cr.getStatus()
                            .getCurrentRevision()
                            .equals(cr.getStatus().getLastKnownGoodRevision()));
  }

  static List<String> monitoringObjects(String plural) {
    return admin
        .genericKubernetesResources(
            new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup("monitoring.coreos.com")
                .withVersion("v1")
                .withPlural(plural)
                .withNamespaced(true)
                .build())
        .inNamespace(ns)
        .list()
        .getItems()
        .stream()
        .map(o -> o.getMetadata().getName())
        .toList();
  }

  /**
   * "verb resource/name" of every audited request of the operator after byte offset {@code from}.
   */
  @SuppressWarnings("unchecked")
  static List<String> operatorWrites(Path audit, long from) throws IOException {
    List<String> writes = new ArrayList<>();
    try (RandomAccessFile file = new RandomAccessFile(audit.toFile(), "r")) {
      file.seek(from);
      byte[] rest = new byte[(int) (file.length() - from)];
      file.readFully(rest);
      for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> event = JSON.unmarshal(line, Map.class);
        Map<String, Object> user = (Map<String, Object>) event.get("user");
        if (user != null && OPERATOR_USER.equals(user.get("username"))) {
          Map<String, Object> ref = (Map<String, Object>) event.getOrDefault("objectRef", Map.of());
          writes.add(
              event.get("verb")
                  + " "
                  + ref.get("resource")
                  + (ref.get("subresource") == null ? "" : "/" + ref.get("subresource"))
                  + " "
                  + ref.get("namespace")
                  + "/"
                  + ref.get("name"));
        }
      }
    }
    return writes;
  }

  static CustomResourceDefinition crd(String kind, String plural) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural + ".monitoring.coreos.com")
        .endMetadata()
        .withNewSpec()
        .withGroup("monitoring.coreos.com")
        .withScope("Namespaced")
        .withNewNames()
        .withKind(kind)
        .withPlural(plural)
        .withListKind(kind + "List")
        .withSingular(kind.toLowerCase(java.util.Locale.ROOT))
        .endNames()
        .addNewVersion()
        .withName("v1")
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
