package dev.chatbot.operator.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Registry credentials by the keys of docker config files, matched against an image the way the
 * kubelet's keyring does it: a key is a host (optionally with a scheme, a port, a path and {@code
 * *.} globs per DNS label); it matches an image when every label matches, the ports are equal and
 * the key's path is a prefix of the image's path. Docker Hub's aliases (docker.io, index.docker.io,
 * registry-1.docker.io, https://index.docker.io/v1/) are one key. Of several matches the most
 * specific (longest path, then fewest globs) wins; on ties the first Secret, as the pod's
 * imagePullSecrets order.
 */
public final class CredentialKeyring {

  private record Entry(String host, String path, RegistryCredentials credentials, int order) {
    int globs() {
      return (int) host.chars().filter(c -> c == '*').count();
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  public static CredentialKeyring empty() {
    return new CredentialKeyring();
  }

  /** Adds one config key; later keys lose ties against earlier ones. */
  public CredentialKeyring add(String key, RegistryCredentials credentials) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    while (k.endsWith("/")) {
      k = k.substring(0, k.length() - 1);
    }
    int slash = k.indexOf('/');
    String host = slash < 0 ? k : k.substring(0, slash);
    String path = slash < 0 ? "" : k.substring(slash + 1);
    if (ImageName.isDockerHub(host)) {
      host = ImageName.DOCKER_HUB;
      // The legacy key https://index.docker.io/v1/ names the registry, not a repository "v1".
      if (path.equals("v1")) {
        path = "";
      }
    }
    entries.add(new Entry(host, path, credentials, entries.size()));
    return this;
  }

  public CredentialKeyring addAll(CredentialKeyring other) {
    other.entries.forEach(
        e -> entries.add(new Entry(e.host, e.path, e.credentials, entries.size())));
    return this;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The credentials for this image, if a key matches. */
  public Optional<RegistryCredentials> find(ImageName image) {
    String host = image.credentialHost().toLowerCase(Locale.ROOT);
    String path = image.path().toLowerCase(Locale.ROOT);
    return entries.stream()
        .filter(e -> hostMatches(e.host, host) && pathMatches(e.path, path))
        .sorted(
            Comparator.comparingInt((Entry e) -> -e.path.length())
                .thenComparingInt(Entry::globs)
                .thenComparingInt(Entry::order))
        .map(Entry::credentials)
        .findFirst();
  }

  static boolean hostMatches(String pattern, String host) {
    String[] p = splitPort(pattern);
    String[] h = splitPort(host);
    if (!p[1].equals(h[1])) {
      return false;
    }
    String[] pl = p[0].split("\\.", -1);
    String[] hl = h[0].split("\\.", -1);
    if (pl.length != hl.length) {
      return false;
    }
    for (int i = 0; i < pl.length; i++) {
      if (!labelMatches(pl[i], hl[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean labelMatches(String pattern, String label) {
    String regex =
        java.util.Arrays.stream(pattern.split("\\*", -1))
            .map(java.util.regex.Pattern::quote)
            .collect(java.util.stream.Collectors.joining("[^.]*"));
    return label.matches(regex);
  }

  private static boolean pathMatches(String pattern, String path) {
    return pattern.isEmpty() || path.equals(pattern) || path.startsWith(pattern + "/");
  }

  private static String[] splitPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      return new String[] {host.substring(0, colon), host.substring(colon + 1)};
    }
    return new String[] {host, ""};
  }
}
