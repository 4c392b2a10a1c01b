package dev.chatbot.app.documents;

import dev.chatbot.app.web.ApiException;
import java.io.IOException;
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
 * PDFBox's scratch memory is capped, at most {@link #MAX_PAGES} pages are read, and extraction is
 * abandoned after {@link #TIMEOUT_SECONDS} on its own small pool.
 */
final class PdfText {

  static final long MAX_SCRATCH_BYTES = 64L * 1024 * 1024;
  static final int MAX_PAGES = 500;
  static final long TIMEOUT_SECONDS = 30;

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
      return text.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      text.cancel(true);
      throw unsupported("the PDF took longer than " + TIMEOUT_SECONDS + " s to read");
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

  private static String read(byte[] content) throws IOException {
    try (PDDocument pdf =
        Loader.loadPDF(
            content,
            "",
            null,
            null,
            MemoryUsageSetting.setupMainMemoryOnly(MAX_SCRATCH_BYTES).streamCache)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setEndPage(MAX_PAGES);
      return stripper.getText(pdf);
    }
  }

  static ApiException unsupported(String message) {
    return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", message);
  }

  void shutdown() {
    pool.shutdownNow();
  }
}
