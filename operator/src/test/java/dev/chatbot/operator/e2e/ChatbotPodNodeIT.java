package dev.chatbot.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.Phase;
import dev.chatbot.operator.testing.cluster.RealCluster;
import dev.chatbot.operator.testing.cluster.RealNodeTest;
import dev.chatbot.operator.testing.node.NodeContainers;
import dev.chatbot.operator.testing.node.NodeContainers.ContainerProcess;
import dev.chatbot.operator.testing.node.NodeImages;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
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

  static RealCluster cluster;
  static KubernetesClient admin;
  static OperatorUnderTest operator;
  static NodeContainers containers;
  static String ns;
  static String repository;
  static String appDigest;
  static final HttpClient http = HttpClient.newHttpClient();
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
    operator = OperatorUnderTest.start(realCluster, OperatorUnderTest.config());
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
          upload(base, "runbook.txt", "The chatbot pod runs as uid 10001 with a read-only root.");
      assertThat(uploaded).contains("runbook.txt");
      String answer = post(base + "/api/chat", "{\"message\": \"Which uid does the pod run as?\"}");
      assertThat(answer).contains("runbook.txt").contains("10001");
      String conversation = YAML.unmarshal(answer, Map.class).get("conversationId").toString();
      assertThat(post(base + "/api/conversations/" + conversation + "/export", "{}"))
          .contains(conversation);
    }
    // The writes went through the container as uid 10001 onto the PersistentVolumes' directories.
    assertThat(ownedFiles(app.file("/data/uploads"))).isNotEmpty();
    assertThat(ownedFiles(app.file("/data/exports"))).isNotEmpty();
    assertThat(ownedFiles(app.file("/tmp"))).isNotEmpty();
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

  // --- helpers

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
    GenericKubernetesResource cr = YAML.unmarshal(yaml, GenericKubernetesResource.class);
    cr.getMetadata().setNamespace(ns);
    admin
        .genericKubernetesResources("chatbot.dev/v1alpha1", "ChatbotDeployment")
        .inNamespace(ns)
        .resource(cr)
        .fieldManager("kubectl")
        .forceConflicts()
        .serverSideApply();
  }

  static ChatbotDeployment get(String name) {
    return admin.resources(ChatbotDeployment.class).inNamespace(ns).withName(name).get();
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
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                admin
                    .pods()
                    .inNamespace(ns)
                    .withLabel("app.kubernetes.io/instance", name)
                    .list()
                    .getItems()
                    .stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .filter(
                        p ->
                            p.getStatus().getContainerStatuses() != null
                                && p.getStatus().getContainerStatuses().stream()
                                    .allMatch(s -> Boolean.TRUE.equals(s.getReady())))
                    .toList(),
            pods -> pods.size() == 1)
        .get(0);
  }

  static LocalPortForward forward(Pod pod) {
    return admin.pods().inNamespace(ns).withName(pod.getMetadata().getName()).portForward(8080);
  }

  static String post(String url, String json) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("POST %s: %s", url, r.body()).isBetween(200, 299);
    return r.body();
  }

  static String upload(String base, String filename, String text) throws Exception {
    String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + filename
            + "\"\r\nContent-Type: text/plain\r\n\r\n"
            + text
            + "\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("upload: %s", r.body()).isEqualTo(201);
    return r.body();
  }

  static void secret(String name, String key, String value) {
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withStringData(Map.of(key, value))
                .build())
        .createOr(c -> c.update());
  }
}
