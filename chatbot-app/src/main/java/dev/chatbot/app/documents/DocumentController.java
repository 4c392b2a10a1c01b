package dev.chatbot.app.documents;

import dev.chatbot.app.security.ClientAddress;
import dev.chatbot.app.security.SecurityEvents;
import dev.chatbot.app.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/documents}: upload (multipart field {@code file}), list, delete. */
@RestController
@RequestMapping("/api/documents")
public class DocumentController {

  private final DocumentService documents;
  private final SecurityEvents events;
  private final ClientAddress clients;

  public DocumentController(
      DocumentService documents, SecurityEvents events, ClientAddress clients) {
    this.documents = documents;
    this.events = events;
    this.clients = clients;
  }

  @PostMapping(consumes = "multipart/form-data")
  ResponseEntity<DocumentMetadata> upload(
      @RequestParam("file") MultipartFile file, HttpServletRequest request) {
    try {
      return ResponseEntity.status(HttpStatus.CREATED).body(store(file));
    } catch (ApiException e) {
      events.uploadRefused(clients.of(request), e.error(), file.getOriginalFilename());
      throw e;
    }
  }

  private DocumentMetadata store(MultipartFile file) {
    if (file.isEmpty()) {
      throw ApiException.badRequest("empty_upload", "the uploaded file is empty");
    }
    byte[] content;
    try {
      content = file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents.upload(file.getOriginalFilename(), file.getContentType(), content);
  }

  /** {@code skipped}: stored documents the index could not read, each with the reason. */
  @GetMapping
  Map<String, Object> list() {
    return Map.of("documents", documents.list(), "skipped", documents.skipped());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    documents.delete(id);
    return ResponseEntity.noContent().build();
  }
}
