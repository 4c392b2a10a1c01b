package dev.chatbot.operator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token service like GHCR's: the registry challenges with {@code Bearer realm=...,service=...,
 * scope=...}, this answers {@code GET realm?service=..&scope=..} with a JWT (RS256, x5c header) the
 * real registry verifies against {@link #certificate()}. Its realm carries a query string of its
 * own ({@code ?tenant=chat}), refused when a client drops it. Basic credentials are required.
 */
public final class TestTokenServer implements AutoCloseable {

  public static final String SERVICE = "test-registry";
  public static final String ISSUER = "test-token-issuer";

  private final HttpServer server;
  private final TestCertificates keys;
  private final PrivateKey key;
  private final String user;
  private final String password;
  private final AtomicInteger issued = new AtomicInteger();
  private final ObjectMapper json = new ObjectMapper();

  private TestTokenServer(HttpServer server, TestCertificates keys, String user, String password)
      throws Exception {
    this.server = server;
    this.keys = keys;
    this.user = user;
    this.password = password;
    String pem = Files.readString(keys.serverKey());
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  public static TestTokenServer start(Path dir, String user, String password) throws Exception {
    TestCertificates keys = TestCertificates.selfSigned(dir, "token-signer");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    TestTokenServer tokens = new TestTokenServer(server, keys, user, password);
    server.createContext("/token", tokens::handle);
    server.start();
    return tokens;
  }

  /** The realm as the registry announces it, with its own query string. */
  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token?tenant=chat";
  }

  public Path certificate() {
    return keys.ca();
  }

  /** user:password, as skopeo's --creds wants it. */
  public String credentials() {
    return user + ":" + password;
  }

  /** Tokens handed out so far. */
  public int issued() {
    return issued.get();
  }

  private void handle(HttpExchange exchange) throws java.io.IOException {
    try (exchange) {
      Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
      if (!List.of("chat").equals(query.get("tenant"))) {
        reply(exchange, 400, "{\"error\":\"the realm's own query (tenant=chat) was dropped\"}");
        return;
      }
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reply(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        return;
      }
      List<Map<String, Object>> access = new ArrayList<>();
      for (String scope : query.getOrDefault("scope", List.of())) {
        String[] parts = scope.split(":");
        if (parts.length == 3) {
          access.add(
              Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))));
        }
      }
      String token = jwt(access);
      issued.incrementAndGet();
      reply(
          exchange,
          200,
          json.writeValueAsString(
              Map.of("token", token, "access_token", token, "expires_in", 300)));
    } catch (Exception e) {
      throw new java.io.IOException(e);
    }
  }

  private String jwt(List<Map<String, Object>> access) throws Exception {
    byte[] der =
        CertificateFactory.getInstance("X.509")
            .generateCertificate(Files.newInputStream(keys.ca()))
            .getEncoded();
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", "RS256");
    header.put("x5c", List.of(Base64.getEncoder().encodeToString(der)));
    long now = System.currentTimeMillis() / 1000;
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", user);
    claims.put("aud", SERVICE);
    claims.put("exp", now + 300);
    claims.put("nbf", now - 10);
    claims.put("iat", now);
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("access", access);
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        url.encodeToString(json.writeValueAsBytes(header))
            + "."
            + url.encodeToString(json.writeValueAsBytes(claims));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + url.encodeToString(rsa.sign());
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static void reply(HttpExchange exchange, int status, String body)
      throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
