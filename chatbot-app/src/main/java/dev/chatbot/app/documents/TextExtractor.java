package dev.chatbot.app.documents;

import dev.chatbot.app.web.ApiException;
import jakarta.annotation.PreDestroy;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Decides whether an upload is a supported document and returns its text. */
@Component
public class TextExtractor {

  static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "md", "markdown");
  static final String PDF = "pdf";

  private final PdfText pdf = new PdfText();

  /** The lower-case extension of a supported file name, or a 415. */
  public String extensionOf(String originalName) {
    String name = originalName == null ? "" : originalName;
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!TEXT_EXTENSIONS.contains(ext) && !PDF.equals(ext)) {
      throw unsupported("only .txt, .md and .pdf files are accepted");
    }
    return ext;
  }

  public String extract(String extension, byte[] content) {
    if (content.length == 0) {
      throw ApiException.badRequest("empty_upload", "the uploaded file is empty");
    }
    String text = PDF.equals(extension) ? pdfText(content) : utf8Text(content);
    if (text.isBlank()) {
      throw ApiException.badRequest("empty_upload", "the uploaded file contains no text");
    }
    return text;
  }

  private static String utf8Text(byte[] content) {
    for (byte b : content) {
      if (b == 0) {
        throw unsupported("the file looks binary (NUL bytes), not UTF-8 text");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw unsupported("the file is not valid UTF-8 text");
    }
  }

  private String pdfText(byte[] content) {
    if (content.length < 5
        || !new String(content, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
      throw unsupported("the file is not a PDF");
    }
    return pdf.extract(content);
  }

  @PreDestroy
  void stop() {
    pdf.shutdown();
  }

  private static ApiException unsupported(String message) {
    return PdfText.unsupported(message);
  }
}
