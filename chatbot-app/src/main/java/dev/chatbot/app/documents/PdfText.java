package dev.chatbot.app.documents;

import dev.chatbot.app.web.ApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.http.HttpStatus;

/**
 * PDF text with bounds, so one hostile PDF cannot take the pod's memory or a CPU for minutes:
 * PDFBox's scratch memory is capped, content streams are decoded as streams (never whole), the text
 * kept is capped at {@link #MAX_TEXT_CHARS} (more than the index keeps of a document: a compression
 * bomb of text ends there instead of in the heap), at most {@link #MAX_PAGES} pages are read, and
 * extraction is abandoned after {@link #TIMEOUT_SECONDS} on its own small pool.
 */
final class PdfText {

  static final long MAX_SCRATCH_BYTES = 64L * 1024 * 1024;
  static final int MAX_PAGES = 500;
  static final long TIMEOUT_SECONDS = 30;

  /** 1000 chunks of ~500 characters is all the index keeps of one document; twice that. */
  static final int MAX_TEXT_CHARS = 1_000_000;

  private final int maxTextChars;
  private final int maxPages;
  private final Duration timeout;

  PdfText() {
    this(MAX_TEXT_CHARS, MAX_PAGES, Duration.ofSeconds(TIMEOUT_SECONDS));
  }

  /** Other bounds, for tests that need them small. */
  PdfText(int maxTextChars, int maxPages, Duration timeout) {
    this.maxTextChars = maxTextChars;
    this.maxPages = maxPages;
    this.timeout = timeout;
  }

  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "pdf-text");
            t.setDaemon(true);
            return t;
          });

  String extract(byte[] content) {
    Future<String> text = pool.submit(() -> read(content));
    try {
      return text.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      text.cancel(true);
      throw unsupported("the PDF took longer than " + timeout.toSeconds() + " s to read");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw unsupported(
          "the PDF could not be read: "
              + (cause instanceof OutOfMemoryError
                  ? "it needs more memory than allowed"
                  : cause.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unsupported("interrupted while reading the PDF");
    }
  }

  private String read(byte[] content) throws IOException {
    try (PDDocument pdf =
        Loader.loadPDF(
            content,
            "",
            null,
            null,
            MemoryUsageSetting.setupMainMemoryOnly(MAX_SCRATCH_BYTES).streamCache)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setEndPage(maxPages);
      BoundedText text = new BoundedText(maxTextChars);
      try {
        stripper.writeText(pdf, text);
      } catch (BoundedText.Full full) {
        // enough text: the rest of the document is not read at all
      }
      return text.toString();
    }
  }

  /** A writer that keeps at most {@code max} characters and then stops the stripper. */
  private static final class BoundedText extends java.io.Writer {
    static final class Full extends IOException {
      Full() {
        super("text limit reached", null);
      }
    }

    private final StringBuilder text = new StringBuilder();
    private final int max;

    BoundedText(int max) {
      this.max = max;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      int room = max - text.length();
      text.append(chars, offset, Math.min(room, length));
      if (length >= room) {
        throw new Full();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }

  static ApiException unsupported(String message) {
    return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message);
  }

  void shutdown() {
    pool.shutdownNow();
  }
}
