package dev.chatbot.operator.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * HTTP to registries: HTTPS with the configured trust; plain HTTP only for insecure registries
 * (loopback or listed), and only after HTTPS failed its handshake and HTTP then answers like a
 * registry (the scheme that worked is remembered per host). I/O failures become {@link
 * RegistryException}s with the reason a user acts on.
 */
final class RegistryTransport {

  private final HttpClient http;
  private final RegistrySettings settings;
  private final Map<String, String> schemes = new ConcurrentHashMap<>();

  RegistryTransport(RegistrySettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .sslContext(TrustedCertificates.context(settings.caBundle()))
            .build();
  }

  Duration timeout() {
    return settings.timeout();
  }

  /** The registry's base URL as far as known: https unless HTTP was needed before. */
  URI base(ImageName name) {
    return URI.create(schemes.getOrDefault(name.host(), "https") + "://" + name.host());
  }

  /** Sends a request to the registry itself (path relative to its base), choosing the scheme. */
  <T> HttpResponse<T> toRegistry(
      ImageName name, String path, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
      throws RegistryException {
    URI uri = URI.create(base(name) + path);
    try {
      return sendOrFail(request.copy().uri(uri).build(), body);
    } catch (SSLException tls) {
      if (!settings.insecure(name) || uri.getScheme().equals("http")) {
        throw tlsError(name, tls);
      }
      URI plain = URI.create("http://" + name.host() + path);
      try {
        HttpResponse<T> response = sendOrFail(request.copy().uri(plain).build(), body);
        // An HTTPS server answers HTTP with 400: the TLS problem is the real one.
        if (response.statusCode() == 400) {
          throw tlsError(name, tls);
        }
        schemes.put(name.host(), "http");
        return response;
      } catch (IOException e) {
        throw tlsError(name, tls);
      }
    } catch (IOException e) {
      throw ioError(uri, e);
    }
  }

  /** Sends a request to an absolute URL (a token service). */
  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws RegistryException {
    try {
      return sendOrFail(request, body);
    } catch (SSLException e) {
      throw new RegistryException(
          RegistryFailure.TLSError,
          "TLS handshake with " + request.uri().getHost() + " failed: " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw ioError(request.uri(), e);
    }
  }

  private <T> HttpResponse<T> sendOrFail(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, RegistryException {
    try {
      return http.send(request, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(
          RegistryFailure.Timeout, "interrupted while asking " + request.uri().getHost(), e);
    } catch (IOException e) {
      // The JDK wraps handshake failures of HTTP/1.1 connections in a plain IOException.
      if (!(e instanceof SSLException) && e.getCause() instanceof SSLException tls) {
        throw tls;
      }
      throw e;
    }
  }

  private static RegistryException tlsError(ImageName name, SSLException e) {
    return new RegistryException(
        RegistryFailure.TLSError,
        "TLS handshake with "
            + name.host()
            + " failed ("
            + e.getMessage()
            + "); trust its CA with the operator's registry CA bundle, or list it as an insecure"
            + " registry",
        e);
  }

  private static RegistryException ioError(URI uri, IOException e) {
    if (e instanceof HttpTimeoutException) {
      return new RegistryException(
          RegistryFailure.Timeout, "no answer from " + uri.getAuthority() + " in time", e);
    }
    RegistryFailure failure =
        e instanceof ConnectException || e instanceof UnknownHostException
            ? RegistryFailure.Unreachable
            : RegistryFailure.BadResponse;
    return new RegistryException(
        failure,
        "cannot reach "
            + uri.getAuthority()
            + ": "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " " + e.getMessage()),
        e);
  }

  /** Retry-After in seconds or as an HTTP date, relative to now. */
  static Optional<Duration> retryAfter(HttpResponse<?> response, Instant now) {
    Optional<String> value = response.headers().firstValue("Retry-After").map(String::trim);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
