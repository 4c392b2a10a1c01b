package dev.chatbot.operator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a tag with one HEAD request to the OCI Distribution API (the digest is in the
 * Docker-Content-Digest header), following the registry's bearer-token challenge when it sends one.
 * No image content is downloaded.
 */
public final class DistributionApiResolver implements ImageDigestResolver {

  private static final String ACCEPT =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient http;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();

  public DistributionApiResolver(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public String resolve(ImageSpec image, Optional<RegistryCredentials> credentials)
      throws RegistryException {
    if (image.getTag() == null) {
      throw new RegistryException("no image.tag to resolve");
    }
    ImageName name = ImageName.parse(image.getRepository());
    URI manifest =
        URI.create(name.baseUrl() + "/v2/" + name.path() + "/manifests/" + image.getTag());
    HttpResponse<Void> response = head(manifest, credentials.map(DistributionApiResolver::basic));
    if (response.statusCode() == 401) {
      String token = token(response, name, credentials);
      response = head(manifest, Optional.of("Bearer " + token));
    }
    if (response.statusCode() == 404) {
      throw new RegistryException(
          "tag " + image.getTag() + " not found in " + image.getRepository() + " (HTTP 404)");
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new RegistryException(
          "registry "
              + name.host()
              + " refused access to "
              + name.path()
              + " (HTTP "
              + response.statusCode()
              + "); check image.pullSecrets");
    }
    if (response.statusCode() / 100 != 2) {
      throw new RegistryException(
          "registry "
              + name.host()
              + " answered HTTP "
              + response.statusCode()
              + " for "
              + manifest);
    }
    String digest = response.headers().firstValue("Docker-Content-Digest").orElse("");
    if (!dev.chatbot.operator.policy.ImagePin.isDigest(digest)) {
      throw new RegistryException(
          "registry " + name.host() + " sent no sha256 Docker-Content-Digest for " + manifest);
    }
    return digest;
  }

  private HttpResponse<Void> head(URI uri, Optional<String> authorization)
      throws RegistryException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", ACCEPT)
            .method("HEAD", HttpRequest.BodyPublishers.noBody());
    authorization.ifPresent(a -> request.header("Authorization", a));
    return send(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  private String token(
      HttpResponse<Void> challenge, ImageName name, Optional<RegistryCredentials> credentials)
      throws RegistryException {
    String header = challenge.headers().firstValue("WWW-Authenticate").orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new RegistryException(
          "registry "
              + name.host()
              + " needs credentials ("
              + header
              + "); check image.pullSecrets");
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(header);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    StringBuilder url = new StringBuilder(params.getOrDefault("realm", ""));
    url.append("?service=").append(encode(params.getOrDefault("service", name.host())));
    url.append("&scope=")
        .append(encode(params.getOrDefault("scope", "repository:" + name.path() + ":pull")));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url.toString())).timeout(timeout);
    credentials.ifPresent(c -> request.header("Authorization", basic(c)));
    HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new RegistryException(
          "token service of " + name.host() + " answered HTTP " + response.statusCode());
    }
    try {
      JsonNode body = json.readTree(response.body());
      JsonNode token = body.hasNonNull("token") ? body.get("token") : body.get("access_token");
      if (token == null) {
        throw new RegistryException("token service of " + name.host() + " sent no token");
      }
      return token.asText();
    } catch (IOException e) {
      throw new RegistryException("token service of " + name.host() + " sent no JSON", e);
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws RegistryException {
    try {
      return http.send(request, body);
    } catch (IOException e) {
      throw new RegistryException(
          "cannot reach "
              + request.uri().getHost()
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while resolving " + request.uri(), e);
    }
  }

  private static String basic(RegistryCredentials c) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
