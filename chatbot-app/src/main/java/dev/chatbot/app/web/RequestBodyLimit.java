package dev.chatbot.app.web;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.security.JsonErrorWriter;
import dev.chatbot.app.security.SecurityEvents;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps every request body before anything reads it: uploads at CHATBOT_MAX_UPLOAD_BYTES (plus
 * multipart framing), everything else at CHATBOT_MAX_REQUEST_BYTES. A declared Content-Length over
 * the cap is refused at once with 413; a chunked body is cut off when it passes the cap.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

  /** Multipart headers and boundaries around the file. */
  static final long MULTIPART_OVERHEAD = 64 * 1024;

  private final long jsonCap;
  private final long uploadCap;
  private final JsonMapper json;
  private final SecurityEvents events;

  public RequestBodyLimit(ChatbotProperties props, JsonMapper json, SecurityEvents events) {
    this.jsonCap = props.maxRequestBytes();
    this.uploadCap = props.maxUploadBytes() + MULTIPART_OVERHEAD;
    this.json = json;
    this.events = events;
  }

  /** Thrown by the capped stream; surfaces as 413 through {@link ApiExceptionHandler}. */
  public static final class TooLarge extends IOException {
    TooLarge(long cap) {
      super("request body is larger than " + cap + " bytes");
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    boolean multipart = type != null && type.toLowerCase().startsWith("multipart/");
    long cap = multipart ? uploadCap : jsonCap;
    long declared = request.getContentLengthLong();
    if (declared > cap) {
      events.refused(request, multipart ? "upload_too_large" : "request_too_large", declared);
      response.setHeader("Connection", "close");
      JsonErrorWriter.write(
          request,
          response,
          json,
          413,
          multipart ? "upload_too_large" : "request_too_large",
          "request body is larger than " + cap + " bytes");
      return;
    }
    chain.doFilter(multipart ? request : new Capped(request, cap), response);
  }

  private static final class Capped extends HttpServletRequestWrapper {
    private final long cap;

    Capped(HttpServletRequest request, long cap) {
      super(request);
      this.cap = cap;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          count(b < 0 ? 0 : 1);
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = in.read(buf, off, len);
          count(Math.max(0, n));
          return n;
        }

        private void count(int n) throws TooLarge {
          read += n;
          if (read > cap) {
            throw new TooLarge(cap);
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
