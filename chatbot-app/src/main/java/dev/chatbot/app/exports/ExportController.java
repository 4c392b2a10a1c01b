package dev.chatbot.app.exports;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/conversations/{id}/export}. */
@RestController
public class ExportController {

  private final ConversationExporter exporter;

  public ExportController(ConversationExporter exporter) {
    this.exporter = exporter;
  }

  @PostMapping("/api/conversations/{id}/export")
  @ResponseStatus(HttpStatus.CREATED)
  ConversationExporter.ExportResult export(@PathVariable String id) {
    return exporter.export(id);
  }
}
