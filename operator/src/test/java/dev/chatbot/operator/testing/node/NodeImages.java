package dev.chatbot.operator.testing.node;

import dev.chatbot.operator.testing.cluster.RealCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images for the real nodes: docker-archive tars from the build (Jib's buildTar) or made by
 * test-infra/docker-archive.sh, pushed with skopeo to the cluster's own registry, and referred to
 * by the digest that registry reports (so the pod runs exactly what was pushed).
 */
public final class NodeImages {

  private static final Pattern DIGEST = Pattern.compile("\"Digest\":\\s*\"(sha256:[0-9a-f]{64})\"");

  private final RealCluster cluster;

  public NodeImages(RealCluster cluster) {
    this.cluster = cluster;
  }

  /** The registry host the nodes pull from: 127.0.0.1:port, plain HTTP. */
  public String registry() {
    return "127.0.0.1:" + cluster.registryPort();
  }

  /** The chatbot-app image of this build (chatbot-app/target/chatbot-app-image.tar). */
  public static Path appImageTar() {
    Path tar = RealCluster.repoRoot().resolve("chatbot-app/target/chatbot-app-image.tar");
    if (!Files.isRegularFile(tar)) {
      throw new IllegalStateException(
          tar
              + " is missing: the build makes it (./mvnw -B verify builds chatbot-app's image first)");
    }
    return tar;
  }

  /**
   * An image whose only file is {@code binary}, run as its entrypoint with {@code args} (through
   * test-infra/docker-archive.sh). Used for containers that really fail: Debian's tini-static with
   * no arguments prints its usage and exits 1 at once.
   */
  public static Path singleBinaryImage(Path dir, Path binary, String name) {
    Path tar = dir.resolve(name + ".tar");
    run(
        List.of(
            "bash",
            RealCluster.repoRoot().resolve("test-infra/docker-archive.sh").toString(),
            binary.toString(),
            "/" + binary.getFileName(),
            "chatbot.dev/test/" + name + ":1",
            tar.toString()));
    return tar;
  }

  /** Pushes a docker-archive tar as {@code <registry>/<repository>:<tag>}; returns its digest. */
  public String push(Path dockerArchive, String repository, String tag) {
    String ref = registry() + "/" + repository + ":" + tag;
    run(
        List.of(
            "skopeo",
            "copy",
            "--quiet",
            "--dest-tls-verify=false",
            "docker-archive:" + dockerArchive,
            "docker://" + ref));
    String inspect = run(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + ref));
    Matcher m = DIGEST.matcher(inspect);
    if (!m.find()) {
      throw new IllegalStateException("skopeo inspect " + ref + " printed no digest: " + inspect);
    }
    return m.group(1);
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
