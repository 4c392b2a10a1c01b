package dev.chatbot.operator.registry;

/**
 * A repository split the way container runtimes split it: the first component is a registry host
 * when it has a dot, a colon or is localhost; otherwise the image lives on Docker Hub.
 */
public record ImageName(String host, String path) {

  public static ImageName parse(String repository) {
    int slash = repository.indexOf('/');
    if (slash > 0) {
      String first = repository.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return new ImageName(first, repository.substring(slash + 1));
      }
      return new ImageName("registry-1.docker.io", repository);
    }
    return new ImageName("registry-1.docker.io", "library/" + repository);
  }

  /** Plain HTTP only for loopback registries (local test registries), HTTPS everywhere else. */
  public String baseUrl() {
    String hostOnly = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
    boolean loopback = hostOnly.equals("localhost") || hostOnly.startsWith("127.");
    return (loopback ? "http://" : "https://") + host;
  }
}
