package dev.chatbot.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.inputs.MetadataOnlyClient;
import dev.chatbot.operator.inputs.ReferencedObjects;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.testing.InvalidSample;
import dev.chatbot.operator.testing.LocalRegistry;
import dev.chatbot.operator.testing.RepoFiles;
import dev.chatbot.operator.testing.cluster.RealCluster;
import dev.chatbot.operator.testing.cluster.RealClusterTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator against a real API server, controller-manager, scheduler and KWOK nodes, under its
 * own ServiceAccount and RBAC, in namespaces that enforce Pod Security "restricted".
 */
@RealClusterTest
class OperatorEndToEndIT {

  static final String GOOD = "sha256:" + "1".repeat(64);
  static final String BETTER = "sha256:" + "2".repeat(64);
  // KWOK's stages (test-infra/kwok/stages.yaml) crash-loop containers whose digest starts with
  // dead.
  static final String CRASHING = "sha256:dead" + "0".repeat(60);
  static final KubernetesSerialization YAML = new KubernetesSerialization();

  static RealCluster cluster;
  static KubernetesClient admin;
  static OperatorUnderTest operator;
  static String ns;
  @TempDir static Path tmp;

  @BeforeAll
  static void start(RealCluster realCluster) {
    cluster = realCluster;
    admin = realCluster.client();
    OperatorUnderTest.install(admin);
    // The multi-replica sample asks for an "nfs" class; KWOK provisions PVs for any class.
    admin
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new io.fabric8.kubernetes.api.model.storage.StorageClassBuilder()
                .withNewMetadata()
                .withName("nfs")
                .endMetadata()
                .withProvisioner("kwok.x-k8s.io/fake")
                .withVolumeBindingMode("Immediate")
                .build())
        .createOr(c -> c.update());
    ns =
        realCluster
            .createNamespace("e2e", Map.of("pod-security.kubernetes.io/enforce", "restricted"))
            .getMetadata()
            .getName();
    operator = OperatorUnderTest.start(realCluster, OperatorUnderTest.config());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  static ChatbotDeployment get(String name) {
    return admin.resources(ChatbotDeployment.class).inNamespace(ns).withName(name).get();
  }

  static ChatbotDeployment awaitCr(
      String name, Duration timeout, Predicate<ChatbotDeployment> until) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> get(name), cr -> cr != null && cr.getStatus() != null && until.test(cr));
  }

  static ChatbotDeployment awaitPhase(String name, Phase phase) {
    return awaitCr(
        name,
        Duration.ofSeconds(120),
        cr ->
            cr.getStatus().getPhase() == phase
                && cr.getMetadata().getGeneration().equals(cr.getStatus().getObservedGeneration()));
  }

  /** Server-side apply as `kubectl apply --server-side` does, from YAML text. */
  static void apply(String yaml) {
    new NamespaceCrs(admin, ns).applyYaml(yaml);
  }

  static String cr(String name, String digest) {
    return "apiVersion: chatbot.dev/v1alpha1\nkind: ChatbotDeployment\nmetadata: {name: "
        + name
        + "}\nspec:\n  image: {digest: \""
        + digest
        + "\"}\n  rollout: {progressDeadlineSeconds: 60}\n";
  }

  static Deployment deployment(String name) {
    return admin.apps().deployments().inNamespace(ns).withName(name).get();
  }

  static String image(String name) {
    return deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  static Stream<InvalidSample> crdRejected() {
    return InvalidSample.all().stream().filter(InvalidSample::rejectedByCrd);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crdRejected")
  void theApiServerRejectsEachInvalidSampleWithTheCrdsMessage(InvalidSample sample) {
    GenericKubernetesResource cr = YAML.unmarshal(sample.yaml(), GenericKubernetesResource.class);
    cr.getMetadata().setNamespace(ns);

    assertThatThrownBy(
            () ->
                admin
                    .genericKubernetesResources("chatbot.dev/v1alpha1", "ChatbotDeployment")
                    .inNamespace(ns)
                    .resource(cr)
                    .fieldValidation(FieldValidateable.Validation.STRICT)
                    .create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(sample.expectedCrdMessage());
  }

  static Stream<Path> samples() {
    return RepoFiles.yamlFiles(RepoFiles.resolve("manifests/samples")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleBecomesReadyInARestrictedNamespace(Path file) throws Exception {
    String yaml = RepoFiles.read(file);
    if (yaml.contains("apiKeySecretRef")) {
      admin
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("llm")
                  .withNamespace(ns)
                  .endMetadata()
                  .withStringData(Map.of("api-key", "sk-test"))
                  .build())
          .createOr(c -> c.update());
    }
    LocalRegistry registry = null;
    if (yaml.contains("digestPolicy: Resolve")) {
      registry = LocalRegistry.start(tmp);
      String digest = registry.push("chatbot/chatbot-app", "0.1.0", "e2e");
      yaml = yaml.replace("registry.example.internal", registry.host());
      String name = YAML.unmarshal(yaml, GenericKubernetesResource.class).getMetadata().getName();
      apply(yaml);
      ChatbotDeployment cr = awaitPhase(name, Phase.Ready);
      assertThat(cr.getStatus().getImage().getDigest()).isEqualTo(digest);
      assertThat(cr.getStatus().getImage().getResolvedFrom()).isEqualTo("0.1.0");
      assertThat(image(name)).isEqualTo(registry.host() + "/chatbot/chatbot-app@" + digest);
      registry.close();
      return;
    }
    String name = YAML.unmarshal(yaml, GenericKubernetesResource.class).getMetadata().getName();

    apply(yaml);

    ChatbotDeployment cr = awaitPhase(name, Phase.Ready);
    int replicas = cr.getSpec().getReplicas();
    assertThat(cr.getStatus().getReady()).isEqualTo(replicas + "/" + replicas);
    assertThat(cr.getStatus().condition("Ready").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(admin.pods().inNamespace(ns).withLabel(Labels.INSTANCE, name).list().getItems())
        .hasSize(replicas)
        .allSatisfy(
            p -> assertThat(p.getSpec().getContainers().get(0).getImage()).contains("@sha256:"));
  }

  @Test
  void aHandEditedDeploymentIsReverted() {
    apply(cr("drift", GOOD));
    awaitPhase("drift", Phase.Ready);

    admin
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("drift")
        .edit(
            d -> {
              d.getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .setImage("ghcr.io/chatbot-operator/chatbot-app:latest");
              return d;
            });

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(image("drift")).endsWith("@" + GOOD));
  }

  @Test
  void rotatingTheApiKeyRollsThePods() {
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("rotate-key")
                .withNamespace(ns)
                .endMetadata()
                .withStringData(Map.of("api-key", "one"))
                .build())
        .create();
    apply(
        cr("rotate", GOOD)
            + "  model: {provider: openai, baseUrl: 'https://llm.example.com/v1', apiKeySecretRef: {name: rotate-key, key: api-key}}\n");
    String before = awaitPhase("rotate", Phase.Ready).getStatus().getCurrentRevision();

    admin
        .secrets()
        .inNamespace(ns)
        .withName("rotate-key")
        .edit(
            s -> {
              s.setData(
                  Map.of(
                      "api-key", java.util.Base64.getEncoder().encodeToString("two".getBytes())));
              return s;
            });

    ChatbotDeployment cr = awaitReadyOnAnotherRevision("rotate", before);
    assertThat(
            admin
                .apps()
                .replicaSets()
                .inNamespace(ns)
                .withLabel(Labels.INSTANCE, "rotate")
                .list()
                .getItems())
        .as("the real Deployment controller made a new ReplicaSet")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(cr.getStatus().getHistory()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void rotatingAReferencedConfigMapRollsThePodsWithinSeconds() {
    new NamespaceCrs(admin, ns).createConfigMap("rotate-settings", "greeting", "one");
    apply(
        cr("rotate-cm", GOOD)
            + "  env: [{name: GREETING, valueFrom: {configMapKeyRef: {name: rotate-settings, key: greeting}}}]\n");
    String before = awaitPhase("rotate-cm", Phase.Ready).getStatus().getCurrentRevision();
    String hashBefore = inputsHash("rotate-cm");

    admin
        .configMaps()
        .inNamespace(ns)
        .withName("rotate-settings")
        .edit(
            c -> {
              c.setData(Map.of("greeting", "two"));
              return c;
            });

    // Within seconds, not at the next resync (5 minutes): the ConfigMap is watched.
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(inputsHash("rotate-cm")).isNotEqualTo(hashBefore));
    ChatbotDeployment cr = awaitReadyOnAnotherRevision("rotate-cm", before);
    assertThat(cr.getStatus().getHistory()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void theOperatorsSecretInformerReceivesNoSecretData() {
    new NamespaceCrs(admin, ns).createSecret("unrelated", "password", "not-for-the-operator");
    try (KubernetesClient metadata =
        MetadataOnlyClient.derivedFrom(admin, ReferencedObjects.PLURALS)) {
      var items =
          metadata.genericKubernetesResources("v1", "Secret").inNamespace(ns).list().getItems();

      assertThat(items).extracting(s -> s.getMetadata().getName()).contains("unrelated");
      assertThat(items)
          .allSatisfy(
              s -> {
                assertThat(s.getKind()).isEqualTo("PartialObjectMetadata");
                assertThat(s.getAdditionalProperties()).doesNotContainKeys("data", "stringData");
              });
    }
  }

  static ChatbotDeployment awaitReadyOnAnotherRevision(String name, String before) {
    return awaitCr(
        name,
        Duration.ofSeconds(120),
        c ->
            c.getStatus().getPhase() == Phase.Ready
                && !before.equals(c.getStatus().getCurrentRevision()));
  }

  private static String inputsHash(String name) {
    return deployment(name)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .getOrDefault(Labels.INPUTS_HASH, "");
  }

  @Test
  void aCrashingDigestIsRolledBackByTheRealDeploymentController() {
    apply(cr("rollback", GOOD));
    String good = awaitPhase("rollback", Phase.Ready).getStatus().getCurrentRevision();

    apply(cr("rollback", CRASHING));

    ChatbotDeployment cr =
        awaitCr(
            "rollback",
            Duration.ofSeconds(120),
            c ->
                c.getStatus().getPhase() == Phase.RolledBack
                    && "True"
                        .equals(
                            c.getStatus().condition("Ready").map(r -> r.getStatus()).orElse("")));
    assertThat(cr.getStatus().getCurrentRevision()).isEqualTo(good);
    assertThat(cr.getStatus().getFailedRevision()).isNotEqualTo(good).isNotNull();
    assertThat(cr.getStatus().condition("RolledBack").orElseThrow().getReason())
        .isEqualTo("CrashLoopBackOff");
    assertThat(cr.getSpec().getImage().getDigest()).as("spec untouched").isEqualTo(CRASHING);
    assertThat(image("rollback")).endsWith("@" + GOOD);
    assertThat(
            admin.pods().inNamespace(ns).withLabel(Labels.INSTANCE, "rollback").list().getItems())
        .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).endsWith(GOOD));
  }

  @Test
  void deletingTheCrKeepsRetainedVolumes() {
    apply(cr("retain", GOOD));
    awaitPhase("retain", Phase.Ready);

    admin.resources(ChatbotDeployment.class).inNamespace(ns).withName("retain").delete();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> get("retain") == null && deployment("retain") == null);
    assertThat(admin.persistentVolumeClaims().inNamespace(ns).withName("retain-uploads").get())
        .isNotNull();
    assertThat(admin.persistentVolumeClaims().inNamespace(ns).withName("retain-exports").get())
        .isNotNull();
  }
}
