package dev.chatbot.app.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** Writes server-sent events ({@code event:} + one-line JSON {@code data:}) and flushes each. */
public class SseWriter {

  private final OutputStream out;
  private final JsonMapper json;

  public SseWriter(OutputStream out, JsonMapper json) {
    this.out = out;
    this.json = json;
  }

  public synchronized void event(String name, Object data) {
    write(
        (name == null ? "" : "event: " + name + "\n")
            + "data: "
            + json.writeValueAsString(data)
            + "\n\n");
  }

  public synchronized void raw(String data) {
    write("data: " + data + "\n\n");
  }

  private void write(String frame) {
    try {
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("client went away", e);
    }
  }
}
