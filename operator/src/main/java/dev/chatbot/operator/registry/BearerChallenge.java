package dev.chatbot.operator.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate: Bearer realm="...",service="...",scope="..."} challenge (the
 * distribution token spec, as Docker Hub, GHCR, Quay and Harbor send it).
 */
record BearerChallenge(String realm, Optional<String> service, String scope) {

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** Empty when the header is not a Bearer challenge with a realm. */
  static Optional<BearerChallenge> parse(String header, ImageName name) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(header);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null || realm.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new BearerChallenge(
            realm,
            Optional.ofNullable(params.get("service")),
            params.getOrDefault("scope", "repository:" + name.path() + ":pull")));
  }

  /** The token URL: the realm, keeping any query it already has, plus service and scope. */
  URI tokenUri() {
    StringBuilder url = new StringBuilder(realm);
    char sep = realm.contains("?") ? '&' : '?';
    if (service.isPresent()) {
      url.append(sep).append("service=").append(encode(service.get()));
      sep = '&';
    }
    url.append(sep).append("scope=").append(encode(scope));
    return URI.create(url.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
