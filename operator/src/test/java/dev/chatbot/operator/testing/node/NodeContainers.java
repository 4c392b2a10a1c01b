package dev.chatbot.operator.testing.node;

import dev.chatbot.operator.testing.cluster.RealCluster;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running container as the node sees it: its process on this machine, found through the node's
 * own containerd. The app image has no shell (so no {@code kubectl exec id}); the kernel's view of
 * the process under /proc is what `id`, `mount` and `env` would print inside it.
 */
public final class NodeContainers {

  private final RealCluster cluster;

  public NodeContainers(RealCluster cluster) {
    this.cluster = cluster;
  }

  /** The container's main process. */
  public ContainerProcess process(Pod pod, String container) {
    ContainerStatus status =
        pod.getStatus().getContainerStatuses().stream()
            .filter(s -> s.getName().equals(container))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no status for container " + container));
    String id = status.getContainerID().replaceFirst("^containerd://", "");
    int node = Integer.parseInt(pod.getSpec().getNodeName().replaceFirst("^realnode-", ""));
    Path socket = cluster.realNodeDir(node).resolve("containerd.sock");
    String tasks = ctr(socket, "tasks", "ls");
    for (String line : tasks.split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length >= 3 && cols[0].equals(id)) {
        return new ContainerProcess(Long.parseLong(cols[1]));
      }
    }
    throw new IllegalStateException(
        "container " + id + " has no task in " + socket + ":\n" + tasks);
  }

  private static String ctr(Path socket, String... args) {
    List<String> command =
        new java.util.ArrayList<>(List.of("ctr", "-a", socket.toString(), "-n", "k8s.io"));
    command.addAll(Arrays.asList(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One process of a container, read from /proc on this machine. */
  public record ContainerProcess(long pid) {

    /** Real, effective, saved and filesystem uids (the "Uid:" line of /proc/PID/status). */
    public List<Long> uids() {
      return idLine("Uid:");
    }

    public List<Long> gids() {
      return idLine("Gid:");
    }

    /** Supplementary groups (fsGroup lands here). */
    public List<Long> groups() {
      return statusLine("Groups:").isBlank()
          ? List.of()
          : Arrays.stream(statusLine("Groups:").trim().split("\\s+")).map(Long::parseLong).toList();
    }

    /** Mount options of the mount at {@code path} inside the container, e.g. [ro, relatime]. */
    public List<String> mountOptions(String path) {
      for (String line : read("mountinfo").split("\n")) {
        String[] f = line.split(" ");
        if (f.length > 5 && f[4].equals(path)) {
          return List.of(f[5].split(","));
        }
      }
      throw new IllegalStateException("nothing mounted at " + path + " in process " + pid);
    }

    /** The process's environment. */
    public Map<String, String> environment() {
      Map<String, String> env = new HashMap<>();
      for (String entry : read("environ").split("\0")) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
      return env;
    }

    /**
     * Lowers the container's memory limit (cgroup v1 memory controller, or v2 memory.max) to what
     * it uses now plus {@code headroomBytes}, as the node's kernel sees it. The kubelet gives a
     * restarted container a new cgroup with the pod's own limit.
     */
    public void limitMemoryToCurrentUsagePlus(long headroomBytes) {
      Path dir = memoryCgroup();
      // The usage counts page cache (uploads written to the volume), which the kernel would
      // reclaim instead of killing: the limit starts from what cannot be reclaimed, and the
      // kernel drops the rest or refuses (EBUSY), then each attempt allows a little more.
      for (int attempt = 1; ; attempt++) {
        long limit = unreclaimable(dir) + attempt * headroomBytes;
        try {
          write(dir.resolve("memory.limit_in_bytes"), limit);
          return;
        } catch (IllegalStateException e) {
          if (attempt == 20) {
            throw e;
          }
        }
      }
    }

    /** The v1 memory cgroup directory of this process, as the host mounts it. */
    public Path memoryCgroup() {
      for (String line : read("cgroup").split("\n")) {
        String[] f = line.split(":", 3);
        if (f.length == 3 && f[1].equals("memory")) {
          return Path.of("/sys/fs/cgroup/memory" + f[2]);
        }
      }
      throw new IllegalStateException("no memory cgroup for process " + pid);
    }

    /** Limit, usage, failures and the main memory.stat lines of the cgroup, for diagnosis. */
    public String memoryReport() {
      Path dir = memoryCgroup();
      StringBuilder report = new StringBuilder(dir.toString());
      for (String file :
          List.of("memory.limit_in_bytes", "memory.usage_in_bytes", "memory.failcnt")) {
        report.append(' ').append(file).append('=').append(usage(dir.resolve(file)));
      }
      try {
        for (String line : Files.readAllLines(dir.resolve("memory.stat"))) {
          if (line.matches("(total_)?(rss|cache|mapped_file|inactive_file|active_file) .*")) {
            report.append(' ').append(line.replace(' ', '='));
          }
        }
        report
            .append(' ')
            .append(Files.readString(dir.resolve("memory.oom_control")).replace('\n', ' '));
      } catch (IOException e) {
        report.append(" (").append(e.getMessage()).append(')');
      }
      return report.toString();
    }

    /** Anonymous memory and mapped files of the cgroup (v1 memory.stat), which reclaim keeps. */
    private static long unreclaimable(Path dir) {
      Map<String, Long> stat = new HashMap<>();
      try {
        for (String line : Files.readAllLines(dir.resolve("memory.stat"))) {
          String[] kv = line.split(" ");
          if (kv.length == 2) {
            stat.put(kv[0], Long.parseLong(kv[1]));
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read memory.stat in " + dir, e);
      }
      if (!stat.containsKey("total_rss")) {
        return usage(dir.resolve("memory.usage_in_bytes"));
      }
      return stat.get("total_rss") + stat.getOrDefault("total_mapped_file", 0L);
    }

    private static long usage(Path file) {
      try {
        return Long.parseLong(Files.readString(file).trim());
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file, e);
      }
    }

    private static void write(Path file, long value) {
      try {
        Files.writeString(file, Long.toString(value));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write " + file, e);
      }
    }

    /** A path inside the container's filesystem, seen from the host (/proc/PID/root/...). */
    public Path file(String pathInContainer) {
      return Path.of("/proc/" + pid + "/root" + pathInContainer);
    }

    private List<Long> idLine(String key) {
      return Arrays.stream(statusLine(key).trim().split("\\s+")).map(Long::parseLong).toList();
    }

    private String statusLine(String key) {
      for (String line : read("status").split("\n")) {
        if (line.startsWith(key)) {
          return line.substring(key.length());
        }
      }
      throw new IllegalStateException("no " + key + " in /proc/" + pid + "/status");
    }

    private String read(String name) {
      try {
        return Files.readString(Path.of("/proc/" + pid + "/" + name), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read /proc/" + pid + "/" + name, e);
      }
    }
  }
}
