package dev.chatbot.app.chat;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.storage.Directories;
import dev.chatbot.app.storage.GroupedSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations as JSON files, one per id, replaced atomically on every turn. A turn is renamed
 * into place before it is answered (it survives the app dying) and fsynced in a group right after
 * ({@link GroupedSync}), so answers do not wait for the disk.
 */
@Component
public class ConversationStore {

  /** Ids become file names: only this alphabet, so no path tricks. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Path dir;
  private final JsonMapper json;
  private final GroupedSync sync;

  public ConversationStore(ChatbotProperties properties, JsonMapper json, GroupedSync sync) {
    this.dir = Directories.create(properties.stateDir().resolve("conversations"));
    this.json = json;
    this.sync = sync;
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public Optional<Conversation> find(String id) {
    if (!isValidId(id)) {
      return Optional.empty();
    }
    Path file = dir.resolve(id + ".json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(json.readValue(file.toFile(), Conversation.class));
  }

  public void save(Conversation conversation) {
    sync.write(dir.resolve(conversation.id() + ".json"), json.writeValueAsBytes(conversation));
  }
}
