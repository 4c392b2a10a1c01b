package dev.chatbot.operator.desired;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host and port of spec.model.baseUrl, parsed with the same grammar the CRD and the validator
 * accept (java.net.URI refuses some of those URLs and drops hosts with '_').
 */
public record ModelEndpoint(String scheme, String host, int port) {

  /** The accepted form: http(s)://host[:port][/path...], no spaces, no user info. */
  public static final String GRAMMAR = "^(https?)://([^/?#:\\s@]+)(?::([0-9]{1,5}))?([/?#]\\S*)?$";

  private static final Pattern PATTERN = Pattern.compile(GRAMMAR);

  public static Optional<ModelEndpoint> parse(String baseUrl) {
    if (baseUrl == null) {
      return Optional.empty();
    }
    Matcher m = PATTERN.matcher(baseUrl);
    if (!m.matches()) {
      return Optional.empty();
    }
    int defaultPort = "https".equals(m.group(1)) ? 443 : 80;
    int port = m.group(3) == null ? defaultPort : Integer.parseInt(m.group(3));
    if (port < 1 || port > 65535) {
      return Optional.empty();
    }
    return Optional.of(new ModelEndpoint(m.group(1), m.group(2), port));
  }
}
