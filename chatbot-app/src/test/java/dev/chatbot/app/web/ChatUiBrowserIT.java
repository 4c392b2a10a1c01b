package dev.chatbot.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The static UI in a real headless Chromium (Debian's chromium + chromium-driver): upload through
 * the file input, then a chat answer streamed into the page with a citation. No downloads: the
 * driver and browser paths are fixed, Selenium Manager stays offline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatUiBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path root;

  @LocalServerPort int port;

  private Path profile;
  private WebDriver driver;

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    registry.add("CHATBOT_UPLOADS_DIR", () -> root.resolve("uploads").toString());
    registry.add("CHATBOT_EXPORTS_DIR", () -> root.resolve("exports").toString());
  }

  @BeforeAll
  static void browserInstalled() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      System.setProperty("SE_OFFLINE", "true");
      System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
      return;
    }
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank()) {
      Assertions.fail(
          "CI is set but "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing: apt-get install chromium chromium-driver");
    }
    Assumptions.abort(
        "Chromium not installed; apt-get install chromium chromium-driver to run the browser test");
  }

  @BeforeEach
  void startBrowser() throws IOException {
    profile = Files.createTempDirectory("chatbot-chromium-profile");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT);
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void uploadedDocumentIsListedAndCitedInAStreamedAnswer() throws IOException {
    Path document = root.resolve("glaciers.txt");
    Files.writeString(
        document,
        "Glaciers move slowly downhill under their own weight.\n\n"
            + "The Lambert Glacier in Antarctica is the largest glacier in the world.",
        StandardCharsets.UTF_8);
    driver.get("http://localhost:" + port + "/");
    WebDriverWait wait = new WebDriverWait(driver, WAIT);

    driver.findElement(By.id("file")).sendKeys(document.toAbsolutePath().toString());
    driver.findElement(By.id("upload")).click();
    wait.until(
        d ->
            d.findElements(By.cssSelector("#document-list li span")).stream()
                .anyMatch(name -> name.getText().equals("glaciers.txt")));
    assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("Uploaded glaciers.txt");

    driver.findElement(By.id("message")).sendKeys("Which is the largest glacier?");
    driver.findElement(By.id("send")).click();
    WebElement citations =
        wait.until(
            d -> {
              List<WebElement> found =
                  d.findElements(By.cssSelector("#messages .msg.assistant .citations"));
              return found.isEmpty() ? null : found.get(0);
            });

    assertThat(driver.findElements(By.cssSelector("#messages .msg.error"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector("#messages .msg.user")).getText())
        .isEqualTo("Which is the largest glacier?");
    assertThat(driver.findElement(By.cssSelector("#messages .msg.assistant")).getText())
        .startsWith("Offline mode (no language model configured). From your documents:")
        .contains("[1]")
        .contains("Lambert Glacier");
    assertThat(citations.getText()).startsWith("Sources: [1] glaciers.txt");
    assertThat(driver.findElement(By.id("export")).isEnabled()).isTrue();
    assertThat(driver.findElement(By.id("send")).isEnabled()).isTrue();
  }
}
