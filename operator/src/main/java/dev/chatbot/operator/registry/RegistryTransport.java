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
 * (loopback or listed), tried first there, with HTTPS when that port speaks TLS (the scheme that
 * worked is remembered per host). I/O failures become {@link RegistryException}s with the reason a
 * user acts on.
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

  /** Sends a request to the registry itself (path relative to its base), choosing the scheme. */
  <T> HttpResponse<T> toRegistry(
      ImageName name, String path, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
      throws RegistryException {
    String known = schemes.get(name.host());
    if (known != null || !settings.insecure(name)) {
      return once(name, known == null ? "https" : known, path, request, body);
    }
    // An insecure registry, first contact: plain HTTP, and HTTPS when the port turns out to
    // speak TLS (Go's TLS server answers plain HTTP with 400; others drop the connection).
    try {
      HttpResponse<T> plain = sendOrFail(request.copy().uri(uri("http", name, path)).build(), body);
      if (plain.statusCode() != 400) {
        schemes.put(name.host(), "http");
        return plain;
      }
    } catch (IOException notPlain) {
      // fall through to HTTPS
    }
    HttpResponse<T> secure = once(name, "https", path, request, body);
    schemes.put(name.host(), "https");
    return secure;
  }

  private <T> HttpResponse<T> once(
      ImageName name,
      String scheme,
      String path,
      HttpRequest.Builder request,
      HttpResponse.BodyHandler<T> body)
      throws RegistryException {
    URI uri = uri(scheme, name, path);
    try {
      return sendOrFail(request.copy().uri(uri).build(), body);
    } catch (SSLException tls) {
      throw tlsError(name, tls);
    } catch (IOException e) {
      throw ioError(uri, e);
    }
  }

  private static URI uri(String scheme, ImageName name, String path) {
    return URI.create(scheme + "://" + name.host() + path);
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
            + "); trust its CA with the operator's registry CA bundle",
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
