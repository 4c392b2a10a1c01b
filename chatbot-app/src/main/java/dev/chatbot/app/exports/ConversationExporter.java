package dev.chatbot.app.exports;

import dev.chatbot.app.chat.Citation;
import dev.chatbot.app.chat.Conversation;
import dev.chatbot.app.chat.ConversationStore;
import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.storage.AtomicFiles;
import dev.chatbot.app.storage.Directories;
import dev.chatbot.app.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Writes a conversation to the exports volume as {@code <id>-<timestamp>.md} and {@code .json}. */
@Service
public class ConversationExporter {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final ConversationStore conversations;
  private final Path dir;
  private final JsonMapper json;
  private final Clock clock;

  public ConversationExporter(
      ConversationStore conversations, ChatbotProperties properties, JsonMapper json) {
    this.conversations = conversations;
    this.dir = Directories.create(properties.exportsDir());
    this.json = json;
    this.clock = Clock.systemUTC();
  }

  /** The names of the files written, relative to the exports directory. */
  public record ExportResult(String conversationId, List<String> files) {}

  public ExportResult export(String id) {
    Conversation conversation =
        conversations
            .find(id)
            .orElseThrow(() -> ApiException.notFound("no conversation with id " + id));
    String base = conversation.id() + "-" + STAMP.format(clock.instant());
    AtomicFiles.write(
        dir.resolve(base + ".md"), markdown(conversation).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve(base + ".json"), json.writeValueAsBytes(conversation));
    return new ExportResult(conversation.id(), List.of(base + ".md", base + ".json"));
  }

  static String markdown(Conversation conversation) {
    StringBuilder md =
        new StringBuilder("# Conversation ").append(conversation.id()).append("\n\n");
    md.append("Started ").append(conversation.createdAt()).append("\n");
    for (Conversation.Message m : conversation.messages()) {
      md.append("\n## ").append("assistant".equals(m.role()) ? "Assistant" : "You");
      md.append(" (").append(m.at()).append(")\n\n").append(m.content().strip()).append("\n");
      List<Citation> citations = m.citations() == null ? List.of() : m.citations();
      if (!citations.isEmpty()) {
        md.append("\nSources:\n");
        for (int i = 0; i < citations.size(); i++) {
          md.append("\n[").append(i + 1).append("] ").append(citations.get(i).name());
        }
        md.append("\n");
      }
    }
    return md.toString();
  }
}
