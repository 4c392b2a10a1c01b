package dev.chatbot.operator.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A real OCI registry (Debian's docker-registry, the CNCF distribution server) on loopback, with a
 * way to push a tiny image through the same Distribution API clients use.
 */
public final class LocalRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private final Process process;
  private final int port;
  private final Setup setup;
  private final Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * How the registry is protected: htpasswd basic auth ("user:password"), TLS with a server
   * certificate, and/or token auth by a {@link TestTokenServer}.
   */
  public record Setup(String htpasswd, TestCertificates tls, TestTokenServer token) {
    public static Setup anonymous() {
      return new Setup(null, null, null);
    }

    public Setup withHtpasswd(String userAndPassword) {
      return new Setup(userAndPassword, tls, token);
    }

    public Setup withTls(TestCertificates value) {
      return new Setup(htpasswd, value, token);
    }

    public Setup withToken(TestTokenServer value) {
      return new Setup(htpasswd, tls, value);
    }

    /** skopeo's --creds value, if the registry needs one. */
    String credentials() {
      return htpasswd != null ? htpasswd : token != null ? token.credentials() : null;
    }
  }

  private LocalRegistry(Process process, int port, Setup setup, Path dir) {
    this.process = process;
    this.port = port;
    this.setup = setup;
    this.dir = dir;
  }

  /** Starts an anonymous one over plain HTTP. */
  public static LocalRegistry start(Path dir) throws Exception {
    return start(dir, Setup.anonymous());
  }

  /** Starts one, or skips the test outside CI when the package is not installed. */
  public static LocalRegistry start(Path dir, Setup setup) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(
            BINARY + " missing: .ci/run installs the docker-registry package");
      }
      assumeTrue(
          false, "docker-registry not installed; apt-get install docker-registry to run this test");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return launch(dir, setup, port);
  }

  private static LocalRegistry launch(Path dir, Setup setup, int port) throws Exception {
    Path config = dir.resolve("config.yml");
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 0.1
            log: {level: warn}
            storage:
              filesystem: {rootdirectory: %s}
              delete: {enabled: true}
            http:
              addr: 127.0.0.1:%d
            """
                .formatted(dir.resolve("data"), port));
    if (setup.tls() != null) {
      yaml.append(
          "  tls: {certificate: %s, key: %s}\n"
              .formatted(setup.tls().serverCert(), setup.tls().serverKey()));
    }
    if (setup.htpasswd() != null) {
      String[] up = setup.htpasswd().split(":", 2);
      Path file = dir.resolve("htpasswd");
      Files.writeString(
          file,
          up[0]
              + ":"
              + org.springframework.security.crypto.bcrypt.BCrypt.hashpw(
                  up[1], org.springframework.security.crypto.bcrypt.BCrypt.gensalt(4))
              + "\n");
      yaml.append("auth:\n  htpasswd: {realm: chatbot-test, path: %s}\n".formatted(file));
    } else if (setup.token() != null) {
      yaml.append(
          "auth:\n  token: {realm: \"%s\", service: %s, issuer: %s, rootcertbundle: %s}\n"
              .formatted(
                  setup.token().realm(),
                  TestTokenServer.SERVICE,
                  TestTokenServer.ISSUER,
                  setup.token().certificate()));
    }
    Files.writeString(config, yaml);
    Process process =
        new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
            .start();
    LocalRegistry registry = new LocalRegistry(process, port, setup, dir);
    registry.awaitUp();
    return registry;
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  private void awaitUp() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        break;
      }
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        "registry did not start on "
            + host()
            + ": "
            + Files.readString(dir.resolve("registry.log")));
  }

  /** Stops the registry process (an outage); {@link #restart} brings it back on the same port. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  public LocalRegistry restart() throws Exception {
    return launch(dir, setup, port);
  }

  /** Pushes an OCI layout's "latest" with skopeo (all platforms); returns skopeo's digest. */
  public String copy(Path layout, String repository, String tag) throws Exception {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "skopeo", "--insecure-policy", "copy", "--all", "--dest-tls-verify=false"));
    if (setup.credentials() != null) {
      args.add("--dest-creds=" + setup.credentials());
    }
    args.add("oci:" + layout + ":latest");
    args.add(reference(repository, tag));
    skopeo(args);
    return inspect(repository, tag);
  }

  /** The digest skopeo inspect reports for the tag (the index digest of a multi-arch tag). */
  public String inspect(String repository, String tag) throws Exception {
    return skopeo(inspectArgs(repository, tag, "--format", "{{.Digest}}")).trim();
  }

  /** The mediaType of the tag's top-level manifest, as skopeo inspect --raw shows it. */
  public String rawMediaType(String repository, String tag) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(skopeo(inspectArgs(repository, tag, "--raw")))
        .path("mediaType")
        .asText();
  }

  private java.util.List<String> inspectArgs(String repository, String tag, String... options) {
    java.util.List<String> args =
        new java.util.ArrayList<>(java.util.List.of("skopeo", "inspect", "--tls-verify=false"));
    args.addAll(java.util.List.of(options));
    if (setup.credentials() != null) {
      args.add("--creds=" + setup.credentials());
    }
    args.add(reference(repository, tag));
    return args;
  }

  private String reference(String repository, String tag) {
    return "docker://" + host() + "/" + repository + ":" + tag;
  }

  /** A digestPolicy Resolve image spec for a repository of this registry. */
  public dev.chatbot.operator.api.v1alpha1.ImageSpec image(String repository, String tag) {
    var image = new dev.chatbot.operator.api.v1alpha1.ImageSpec();
    image.setRepository(host() + "/" + repository);
    image.setTag(tag);
    image.setDigestPolicy(dev.chatbot.operator.api.v1alpha1.DigestPolicy.Resolve);
    return image;
  }

  /** A docker config JSON ({"auths": ...}) with these credentials for this registry. */
  public String dockerConfig(String user, String password) {
    String auth =
        java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{\"" + host() + "\":{\"auth\":\"" + auth + "\"}}}";
  }

  /** A kubernetes.io/dockerconfigjson Secret, as kubectl create secret docker-registry makes. */
  public io.fabric8.kubernetes.api.model.Secret pullSecret(
      String name, String user, String password) {
    return new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withType("kubernetes.io/dockerconfigjson")
        .addToData(
            ".dockerconfigjson",
            java.util.Base64.getEncoder()
                .encodeToString(dockerConfig(user, password).getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private String skopeo(java.util.List<String> args) throws Exception {
    Path log = Files.createTempFile(dir, "skopeo", ".log");
    Process p =
        new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed: " + Files.readString(log));
    }
    return Files.readString(log);
  }

  /** Pushes a one-config, no-layer OCI image; returns the manifest digest the registry reports. */
  public String push(String repository, String tag, String label) throws Exception {
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"v\":\""
                + label
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = sha256(config);
    var start =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + host() + "/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload = URI.create(location.startsWith("http") ? location : "http://" + host() + location);
    String sep = upload.getQuery() == null ? "?" : "&";
    var put =
        http.send(
            HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + configDigest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(config))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (put.statusCode() != 201) {
      throw new IllegalStateException("blob upload failed: " + put.statusCode() + " " + put.body());
    }
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + configDigest
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[]}";
    var response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + host() + "/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "manifest upload failed: " + response.statusCode() + " " + response.body());
    }
    return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
  }

  public static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Override
  public void close() {
    process.destroy();
  }
}
