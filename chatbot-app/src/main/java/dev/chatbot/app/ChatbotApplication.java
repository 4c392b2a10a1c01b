package dev.chatbot.app;

import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the bundled chatbot app. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatbotApplication {

  public static void main(String[] args) {
    useWritableNativeCache();
    SpringApplication.run(ChatbotApplication.class, args);
  }

  /**
   * The embedding tokenizer (DJL) unpacks a native library into ~/.djl.ai by default; in the pod
   * the root filesystem is read-only and only /tmp (an emptyDir) is writable.
   */
  static void useWritableNativeCache() {
    if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
      System.setProperty(
          "DJL_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "djl").toString());
    }
  }
}
