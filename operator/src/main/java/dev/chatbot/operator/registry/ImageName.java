package dev.chatbot.operator.registry;

import java.util.Set;

/**
 * A repository split the way container runtimes split it: the first component is a registry host
 * when it has a dot, a colon or is localhost; otherwise the image lives on Docker Hub. Docker Hub's
 * names (docker.io, index.docker.io, registry-1.docker.io) all mean the same registry, whose API is
 * served at registry-1.docker.io.
 */
public record ImageName(String host, String path) {

  /** Where Docker Hub's Distribution API answers. */
  public static final String DOCKER_HUB_API = "registry-1.docker.io";

  /** The name credentials for Docker Hub are matched under (like the kubelet's keyring). */
  public static final String DOCKER_HUB = "docker.io";

  private static final Set<String> DOCKER_HUB_ALIASES =
      Set.of(DOCKER_HUB, "index.docker.io", DOCKER_HUB_API, "registry.hub.docker.com");

  public static ImageName parse(String repository) {
    int slash = repository.indexOf('/');
    if (slash > 0) {
      String first = repository.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        String rest = repository.substring(slash + 1);
        if (isDockerHub(first)) {
          return new ImageName(DOCKER_HUB_API, rest.contains("/") ? rest : "library/" + rest);
        }
        return new ImageName(first, rest);
      }
      return new ImageName(DOCKER_HUB_API, repository);
    }
    return new ImageName(DOCKER_HUB_API, "library/" + repository);
  }

  /** Any of Docker Hub's host names, without a port. */
  public static boolean isDockerHub(String host) {
    return DOCKER_HUB_ALIASES.contains(host.toLowerCase(java.util.Locale.ROOT));
  }

  /** The host credentials are matched by: Docker Hub under docker.io, others as written. */
  public String credentialHost() {
    return isDockerHub(host) ? DOCKER_HUB : host;
  }

  /** The host without the port. */
  public String hostname() {
    int colon = host.lastIndexOf(':');
    return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
  }

  public boolean isLoopback() {
    String h = hostname();
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
  }
}
