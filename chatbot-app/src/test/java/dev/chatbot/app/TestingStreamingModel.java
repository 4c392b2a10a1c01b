package dev.chatbot.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI-compatible model on loopback that streams {@code tokens} tokens, one every {@code
 * tokenMillis}, each written and flushed on its own, a thread per stream (so it never queues).
 * Counts streams the client abandoned (a write that failed), records when each finished stream
 * wrote its first and last token, and can answer with an error status.
 */
final class TestingStreamingModel implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger abandoned = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();
  private final List<Written> written = new CopyOnWriteArrayList<>();
  volatile int tokens = 10;
  volatile long tokenMillis = 100;
  volatile int failWith;
  volatile String lastRequest = "";

  TestingStreamingModel() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.createContext("/v1/chat/completions", this::complete);
    server.setExecutor(threads);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  int abandoned() {
    return abandoned.get();
  }

  int completed() {
    return completed.get();
  }

  /** {@link System#nanoTime()} when a stream's first and last token were flushed. */
  record Written(long firstToken, long lastToken) {}

  /** The finished streams in the order they finished. */
  List<Written> written() {
    return List.copyOf(written);
  }

  void reset() {
    tokens = 10;
    tokenMillis = 100;
    failWith = 0;
    abandoned.set(0);
    completed.set(0);
    written.clear();
  }

  private void complete(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    lastRequest = body;
    int status = body.contains("please fail upstream") ? 500 : failWith;
    if (status != 0) {
      byte[] error =
          ("{\"error\":{\"message\":\"fake failure " + status + "\",\"type\":\"x\"}}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, error.length);
      exchange.getResponseBody().write(error);
      exchange.close();
      return;
    }
    if (!body.replace(" ", "").contains("\"stream\":true")) {
      sleep(tokenMillis);
      byte[] answer =
          ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"fake\","
                  + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                  + "\"plain answer\"},\"finish_reason\":\"length\"}],"
                  + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
      completed.incrementAndGet();
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      long first = 0;
      long last = 0;
      for (int i = 0; i < tokens; i++) {
        sleep(tokenMillis);
        write(out, chunk("{\"content\":\"t" + i + " \"}", "null"));
        last = System.nanoTime();
        first = i == 0 ? last : first;
      }
      write(out, chunk("{}", "\"stop\""));
      write(
          out,
          "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
              + "\"model\":\"fake\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,"
              + "\"completion_tokens\":"
              + tokens
              + ",\"total_tokens\":"
              + (7 + tokens)
              + "}}\n\n");
      write(out, "data: [DONE]\n\n");
      written.add(new Written(first, last));
      completed.incrementAndGet();
    } catch (IOException e) {
      abandoned.incrementAndGet();
    } finally {
      exchange.close();
    }
  }

  private static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finishReason
        + "}]}\n\n";
  }

  private static void write(OutputStream out, String frame) throws IOException {
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
