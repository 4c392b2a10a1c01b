package dev.chatbot.app.documents;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-process embedding model: ships inside the jar, needs no network. */
@Configuration(proxyBeanMethods = false)
public class DocumentsConfiguration {

  @Bean
  EmbeddingModel embeddingModel() throws IOException {
    // From files, not the jar's resource stream: ONNX Runtime then reads the 90 MB model itself,
    // instead of it passing through heap byte arrays at startup (which sized the heap for good).
    Path dir = EmbeddingModelFiles.unpacked(Path.of(System.getProperty("java.io.tmpdir")));
    return new OnnxEmbeddingModel(
        dir.resolve(EmbeddingModelFiles.MODEL),
        dir.resolve(EmbeddingModelFiles.TOKENIZER),
        PoolingMode.MEAN);
  }
}
