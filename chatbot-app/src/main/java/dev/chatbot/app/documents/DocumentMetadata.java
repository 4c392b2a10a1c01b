package dev.chatbot.app.documents;

import java.time.Instant;

/**
 * What the app knows about one upload, stored as {@code <uploads>/<id>.meta.json} beside the
 * content file {@code <uploads>/<id>.<extension>}.
 *
 * @param name the original file name, sanitized (display only: files are named by id)
 * @param chunks passages indexed for retrieval
 * @param truncated whether the text was longer than the index takes per document
 */
public record DocumentMetadata(
    String id,
    String name,
    String extension,
    String contentType,
    long sizeBytes,
    Instant uploadedAt,
    int chunks,
    boolean truncated) {

  public String fileName() {
    return id + "." + extension;
  }
}
