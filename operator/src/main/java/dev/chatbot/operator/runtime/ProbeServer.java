package dev.chatbot.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * /healthz (the process and its informers are alive), /readyz (started; for a standby replica that
 * waits on the leader Lease this is also true, so rollouts of the operator are not blocked) and
 * /metrics in Prometheus text format.
 */
public final class ProbeServer implements AutoCloseable {

  private final HttpServer server;

  public ProbeServer(int port, Operator operator, PrometheusMeterRegistry registry)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "probe-server");
              t.setDaemon(true);
              return t;
            }));
    server.createContext(
        "/healthz",
        ex -> {
          boolean healthy =
              !operator.getRuntimeInfo().isStarted()
                  || operator.getRuntimeInfo().allEventSourcesAreHealthy();
          respond(
              ex,
              healthy ? 200 : 503,
              healthy
                  ? "ok\n"
                  : "unhealthy event sources: "
                      + operator.getRuntimeInfo().unhealthyEventSources().keySet()
                      + "\n",
              "text/plain");
        });
    server.createContext(
        "/readyz",
        ex -> {
          boolean started = operator.getRuntimeInfo().isStarted();
          respond(ex, started ? 200 : 503, started ? "ok\n" : "starting\n", "text/plain");
        });
    server.createContext(
        "/metrics",
        ex -> respond(ex, 200, registry.scrape(), "text/plain; version=0.0.4; charset=utf-8"));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, int status, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
