package dev.chatbot.operator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.policy.ImagePin;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Resolves a tag through the OCI Distribution API with the JDK's HTTP client: a HEAD of the
 * manifest (the digest is in Docker-Content-Digest), and a GET whose body is hashed when a registry
 * leaves that header out. Basic credentials go to the registry directly and, when it answers with a
 * Bearer challenge, to its token service; tokens are cached per registry, scope and user. No layer
 * is downloaded.
 */
public final class DistributionApiResolver implements ImageDigestResolver {

  /** Manifests are small; a bigger answer is not a manifest. */
  private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private final RegistryTransport transport;
  private final TokenCache tokens;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public DistributionApiResolver(Duration timeout) {
    this(new RegistrySettings(timeout, Optional.empty(), java.util.Set.of()), Clock.systemUTC());
  }

  public DistributionApiResolver(RegistrySettings settings, Clock clock) {
    this.transport = new RegistryTransport(settings);
    this.tokens = new TokenCache(clock);
    this.clock = clock;
  }

  @Override
  public String resolve(ImageSpec image, Optional<RegistryCredentials> credentials)
      throws RegistryException {
    if (image.getTag() == null) {
      throw new RegistryException(RegistryFailure.NotFound, "no image.tag to resolve");
    }
    ImageName name = ImageName.parse(image.getRepository());
    String path = "/v2/" + name.path() + "/manifests/" + image.getTag();
    Authorization auth = new Authorization(name, credentials);
    HttpResponse<Void> head =
        manifest(name, path, "HEAD", auth, HttpResponse.BodyHandlers.discarding());
    String digest = head.headers().firstValue("Docker-Content-Digest").orElse("");
    String type = head.headers().firstValue("Content-Type").orElse("");
    if (ImagePin.isDigest(digest) && ManifestMediaTypes.accepted(type)) {
      return digest;
    }
    // No (usable) digest header: fetch the manifest and hash exactly the bytes received.
    HttpResponse<byte[]> get =
        manifest(name, path, "GET", auth, HttpResponse.BodyHandlers.ofByteArray());
    String contentType = get.headers().firstValue("Content-Type").orElse("");
    if (!ManifestMediaTypes.accepted(contentType)) {
      throw new RegistryException(
          RegistryFailure.BadResponse,
          "registry "
              + name.host()
              + " answered "
              + path
              + " with Content-Type '"
              + contentType
              + "', not one of "
              + ManifestMediaTypes.ACCEPT_HEADER);
    }
    if (get.body().length > MAX_MANIFEST_BYTES) {
      throw new RegistryException(
          RegistryFailure.BadResponse, "registry " + name.host() + " sent a manifest over 4 MiB");
    }
    String computed = ManifestMediaTypes.digestOf(get.body());
    String claimed = get.headers().firstValue("Docker-Content-Digest").orElse(computed);
    if (!claimed.equals(computed)) {
      throw new RegistryException(
          RegistryFailure.BadResponse,
          "registry "
              + name.host()
              + " claims digest "
              + claimed
              + " for a manifest whose sha256 is "
              + computed);
    }
    return computed;
  }

  /** One manifest request, answering a Bearer challenge once; non-2xx becomes an exception. */
  private <T> HttpResponse<T> manifest(
      ImageName name,
      String path,
      String method,
      Authorization auth,
      HttpResponse.BodyHandler<T> body)
      throws RegistryException {
    HttpResponse<T> response =
        transport.toRegistry(name, path, request(method, auth.header()), body);
    if (response.statusCode() == 401 && auth.answer(response)) {
      response = transport.toRegistry(name, path, request(method, auth.header()), body);
    }
    check(name, path, response, auth);
    return response;
  }

  private HttpRequest.Builder request(String method, Optional<String> authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder()
            // Replaced per attempt by RegistryTransport, which picks the scheme.
            .uri(java.net.URI.create("http://placeholder/"))
            .timeout(transport.timeout())
            .header("Accept", ManifestMediaTypes.ACCEPT_HEADER)
            .method(method, HttpRequest.BodyPublishers.noBody());
    authorization.ifPresent(a -> request.header("Authorization", a));
    return request;
  }

  private void check(ImageName name, String path, HttpResponse<?> response, Authorization auth)
      throws RegistryException {
    int status = response.statusCode();
    if (status / 100 == 2) {
      return;
    }
    String where = "registry " + name.host();
    switch (status) {
      case 401, 403 ->
          throw new RegistryException(
              RegistryFailure.Unauthorized,
              where
                  + " refused access to "
                  + name.path()
                  + " (HTTP "
                  + status
                  + "); "
                  + (auth.credentials.isPresent()
                      ? "the credentials of the matching pull Secret were not accepted"
                      : "no pull Secret in spec.image.pullSecrets has credentials for "
                          + name.credentialHost()));
      case 404 ->
          throw new RegistryException(
              RegistryFailure.NotFound,
              "tag or repository not found: " + where + " answered 404 for " + path);
      case 429 -> throw rateLimited(where, response);
      default ->
          throw new RegistryException(
              RegistryFailure.BadResponse, where + " answered HTTP " + status + " for " + path);
    }
  }

  private RegistryException rateLimited(String who, HttpResponse<?> response) {
    Optional<Duration> after = RegistryTransport.retryAfter(response, clock.instant());
    return new RegistryException(
        RegistryFailure.RateLimited,
        who
            + " is rate limiting (HTTP 429)"
            + after.map(d -> "; Retry-After " + d.toSeconds() + "s").orElse(""),
        after.orElse(null),
        null);
  }

  /** The Authorization header for one resolution: basic first, a bearer token once challenged. */
  private final class Authorization {
    private final ImageName name;
    private final Optional<RegistryCredentials> credentials;
    private Optional<String> header;
    private boolean answered;

    Authorization(ImageName name, Optional<RegistryCredentials> credentials) {
      this.name = name;
      this.credentials = credentials;
      TokenCache.Key cached = key("repository:" + name.path() + ":pull");
      this.header =
          tokens
              .get(cached)
              .map(t -> "Bearer " + t)
              .or(() -> credentials.map(DistributionApiResolver::basic));
    }

    Optional<String> header() {
      return header;
    }

    /** Per user and password: a token never outlives a changed or revoked Secret's password. */
    private TokenCache.Key key(String scope) {
      String who =
          credentials
              .map(
                  c ->
                      c.username()
                          + "/"
                          + ManifestMediaTypes.digestOf(
                              c.password().getBytes(StandardCharsets.UTF_8)))
              .orElse("");
      return new TokenCache.Key(name.host(), scope, who);
    }

    /** True when the challenge was answered with a new token and the request is worth retrying. */
    boolean answer(HttpResponse<?> challenge) throws RegistryException {
      if (answered) {
        return false;
      }
      answered = true;
      Optional<BearerChallenge> bearer =
          BearerChallenge.parse(
              challenge.headers().firstValue("WWW-Authenticate").orElse(null), name);
      if (bearer.isEmpty()) {
        return false;
      }
      header = Optional.of("Bearer " + token(bearer.get()));
      return true;
    }

    private String token(BearerChallenge challenge) throws RegistryException {
      TokenCache.Key key = key(challenge.scope());
      Optional<String> cached = tokens.get(key);
      if (cached.isPresent() && !header.equals(Optional.of("Bearer " + cached.get()))) {
        return cached.get();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(challenge.tokenUri()).timeout(transport.timeout()).GET();
      credentials.ifPresent(c -> request.header("Authorization", basic(c)));
      HttpResponse<String> response =
          transport.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String who = "token service " + challenge.tokenUri().getAuthority() + " of " + name.host();
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        throw new RegistryException(
            RegistryFailure.Unauthorized,
            who
                + " refused the "
                + (credentials.isPresent() ? "pull Secret's credentials" : "anonymous request")
                + " (HTTP "
                + response.statusCode()
                + ")");
      }
      if (response.statusCode() == 429) {
        throw rateLimited(who, response);
      }
      if (response.statusCode() / 100 != 2) {
        throw new RegistryException(
            RegistryFailure.BadResponse, who + " answered HTTP " + response.statusCode());
      }
      try {
        JsonNode body = json.readTree(response.body());
        JsonNode token = body.hasNonNull("token") ? body.get("token") : body.get("access_token");
        if (token == null || token.asText().isEmpty()) {
          throw new RegistryException(RegistryFailure.BadResponse, who + " sent no token");
        }
        Optional<Duration> lifetime =
            body.hasNonNull("expires_in")
                ? Optional.of(Duration.ofSeconds(body.get("expires_in").asLong()))
                : Optional.empty();
        tokens.put(key, token.asText(), lifetime);
        return token.asText();
      } catch (IOException e) {
        throw new RegistryException(RegistryFailure.BadResponse, who + " sent no JSON", e);
      }
    }
  }

  private static String basic(RegistryCredentials c) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
  }
}
