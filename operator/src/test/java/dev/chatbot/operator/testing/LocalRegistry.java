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
  private final HttpClient http = HttpClient.newHttpClient();

  private LocalRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts one, or skips the test outside CI when the package is not installed. */
  public static LocalRegistry start(Path dir) throws Exception {
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
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        """
        version: 0.1
        log: {level: warn}
        storage:
          filesystem: {rootdirectory: %s}
        http:
          addr: 127.0.0.1:%d
        """
            .formatted(dir.resolve("data"), port));
    Process process =
        new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, port);
    registry.awaitUp();
    return registry;
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  private void awaitUp() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("registry did not start on " + host());
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
