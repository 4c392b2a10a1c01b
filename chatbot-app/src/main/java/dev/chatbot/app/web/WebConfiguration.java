package dev.chatbot.app.web;

import dev.chatbot.app.config.ChatbotProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Streamed answers may take as long as the model: the async timeout follows its timeout. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

  private final ChatbotProperties properties;

  public WebConfiguration(ChatbotProperties properties) {
    this.properties = properties;
  }

  @Override
  public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
    configurer.setDefaultTimeout((properties.modelTimeoutSeconds() * 2L + 30) * 1000);
  }
}
