package dev.chatbot.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chatbot.operator.api.v1alpha1.DigestPolicy;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Registry behaviour the real docker-registry does not show: a missing Docker-Content-Digest
 * header, a wrong one, 429 with Retry-After, and a registry that hangs while another answers. A JDK
 * HTTP server on loopback plays each.
 */
class RegistryQuirksTest {

  static final byte[] MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
          .getBytes(StandardCharsets.UTF_8);

  final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  interface Handler {
    void handle(HttpExchange exchange) throws Exception;
  }

  private String serve(Handler handler) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handler.handle(exchange);
          } catch (Exception e) {
            throw new java.io.IOException(e);
          }
        });
    server.start();
    servers.add(server);
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private static void manifest(HttpExchange e, String digestHeader) throws Exception {
    e.getResponseHeaders().set("Content-Type", ManifestMediaTypes.OCI_MANIFEST);
    if (digestHeader != null) {
      e.getResponseHeaders().set("Docker-Content-Digest", digestHeader);
    }
    boolean head = e.getRequestMethod().equals("HEAD");
    e.sendResponseHeaders(200, head ? -1 : MANIFEST.length);
    if (!head) {
      e.getResponseBody().write(MANIFEST);
    }
  }

  private static ImageSpec image(String host) {
    ImageSpec image = new ImageSpec();
    image.setRepository(host + "/chat/app");
    image.setTag("1.0");
    image.setDigestPolicy(DigestPolicy.Resolve);
    return image;
  }

  private final DistributionApiResolver resolver =
      new DistributionApiResolver(Duration.ofSeconds(2));

  @Test
  void withoutADigestHeaderTheManifestIsFetchedAndHashed() throws Exception {
    List<String> methods = new CopyOnWriteArrayList<>();
    String host =
        serve(
            e -> {
              methods.add(e.getRequestMethod());
              manifest(e, null);
            });

    assertThat(resolver.resolve(image(host))).isEqualTo(ManifestMediaTypes.digestOf(MANIFEST));
    assertThat(methods).containsExactly("HEAD", "GET");
  }

  @Test
  void aDigestHeaderThatIsNotTheBodysHashIsABadResponse() throws Exception {
    String wrong = "sha256:" + "0".repeat(64);
    String host =
        serve(e -> manifest(e, e.getRequestMethod().equals("HEAD") ? "not-a-digest" : wrong));

    assertThatThrownBy(() -> resolver.resolve(image(host)))
        .hasMessageContaining(wrong)
        .extracting(e -> ((RegistryException) e).failure())
        .isEqualTo(RegistryFailure.BadResponse);
  }

  @Test
  void aRateLimitCarriesTheRetryAfterAndTheRegistryIsNotAskedBeforeIt() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    String host =
        serve(
            e -> {
              if (hits.incrementAndGet() == 1) {
                e.getResponseHeaders().set("Retry-After", "2");
                e.sendResponseHeaders(429, -1);
              } else {
                manifest(e, ManifestMediaTypes.digestOf(MANIFEST));
              }
            });
    try (TagResolutions resolutions = new TagResolutions(resolver, Clock.systemUTC(), 2)) {
      CountDownLatch first = new CountDownLatch(1);
      resolutions.request("k", image(host), CredentialKeyring::empty, first::countDown);
      assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
      RegistryException e = resolutions.latest("k").orElseThrow().failure().orElseThrow();
      assertThat(e.failure()).isEqualTo(RegistryFailure.RateLimited);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));

      long asked = System.nanoTime();
      CountDownLatch second = new CountDownLatch(1);
      resolutions.request("k", image(host), CredentialKeyring::empty, second::countDown);
      assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(Duration.ofNanos(System.nanoTime() - asked))
          .as("waited for Retry-After")
          .isGreaterThan(Duration.ofMillis(1500));
      assertThat(hits).hasValue(2);
      assertThat(resolutions.latest("k").orElseThrow().digest())
          .contains(ManifestMediaTypes.digestOf(MANIFEST));
    }
  }

  @Test
  void aHangingRegistryDoesNotDelayAnotherOne() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    String hanging =
        serve(
            e -> {
              release.await(20, TimeUnit.SECONDS);
              manifest(e, ManifestMediaTypes.digestOf(MANIFEST));
            });
    String healthy = serve(e -> manifest(e, ManifestMediaTypes.digestOf(MANIFEST)));
    try (TagResolutions resolutions =
        new TagResolutions(
            new DistributionApiResolver(Duration.ofSeconds(20)), Clock.systemUTC(), 4)) {
      for (int i = 0; i < 10; i++) {
        resolutions.request("slow-" + i, image(hanging), CredentialKeyring::empty, () -> {});
      }
      CountDownLatch done = new CountDownLatch(1);
      long asked = System.nanoTime();
      resolutions.request("fast", image(healthy), CredentialKeyring::empty, done::countDown);

      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));
      assertThat(resolutions.latest("fast").orElseThrow().digest()).isPresent();
      assertThat(resolutions.inFlight("slow-0")).isTrue();
      release.countDown();
      await().atMost(Duration.ofSeconds(20)).until(() -> !resolutions.inFlight("slow-9"));
    }
  }
}
