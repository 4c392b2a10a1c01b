package dev.chatbot.app.documents;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-process embedding model: ships inside the jar, needs no network. */
@Configuration(proxyBeanMethods = false)
public class DocumentsConfiguration {

  @Bean
  EmbeddingModel embeddingModel() {
    return new AllMiniLmL6V2EmbeddingModel();
  }
}
