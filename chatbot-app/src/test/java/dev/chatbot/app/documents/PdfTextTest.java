package dev.chatbot.app.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.app.web.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real PDFs built with PDFBox: the page, text (memory) and time bounds hold. */
class PdfTextTest {

  private PdfText pdf;

  @AfterEach
  void stop() {
    pdf.shutdown();
  }

  /**
   * A PDF of {@code pages} pages, each with {@code linesPerPage} (at most 40) lines "page N line
   * M".
   */
  static byte[] pdf(int pages, int linesPerPage) throws IOException {
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int p = 1; p <= pages; p++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
          text.beginText();
          text.setFont(font, 10);
          text.newLineAtOffset(10, 780);
          for (int line = 1; line <= linesPerPage; line++) {
            text.showText("page " + p + " line " + line + " of a generated test document");
            text.newLineAtOffset(0, -18);
          }
          text.endText();
        }
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  @Test
  void readsOnlyTheFirstPagesUpToTheLimit() throws IOException {
    pdf = new PdfText(PdfText.MAX_TEXT_CHARS, 2, Duration.ofSeconds(30));

    String text = pdf.extract(pdf(5, 1));

    assertThat(text).contains("page 1 line 1").contains("page 2 line 1").doesNotContain("page 3");
  }

  @Test
  void textBeyondTheLimitIsNeverHeldInMemory() throws IOException {
    // ~100,000 characters of text on 60 pages, against a cap of 5,000.
    byte[] big = pdf(60, 40);
    pdf = new PdfText(5_000, 500, Duration.ofSeconds(30));

    String text = pdf.extract(big);

    assertThat(text).hasSize(5_000).startsWith("page 1 line 1 ").doesNotContain("page 60");
    PdfText defaults = new PdfText();
    try {
      assertThat(defaults.extract(big)).contains("page 60 line 40");
    } finally {
      defaults.shutdown();
    }
  }

  @Test
  void aPdfThatTakesLongerThanTheTimeoutIsAbandoned() throws IOException {
    byte[] slow = pdf(500, 40);
    pdf = new PdfText(PdfText.MAX_TEXT_CHARS, 500, Duration.ofMillis(50));

    long start = System.nanoTime();
    assertThatThrownBy(() -> pdf.extract(slow))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("took longer than");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
