package dev.chatbot.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One offline app shared by the classes extending this (same configuration, so Spring reuses the
 * context). Settings go through the app's real environment names.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.defaults.metrics.export.enabled=true")
public abstract class OfflineAppTestBase {

  protected static final Path ROOT = tempDir();
  protected static final long MAX_UPLOAD = 200_000;

  @LocalServerPort int port;
  protected TestingHttp http;

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    registry.add("CHATBOT_UPLOADS_DIR", () -> ROOT.resolve("uploads").toString());
    registry.add("CHATBOT_EXPORTS_DIR", () -> ROOT.resolve("exports").toString());
    registry.add("CHATBOT_MAX_UPLOAD_BYTES", () -> Long.toString(MAX_UPLOAD));
  }

  @BeforeEach
  void client() {
    http = new TestingHttp(port).awaitReady();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("chatbot-offline-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
