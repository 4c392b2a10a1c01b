package dev.chatbot.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API keys of CHATBOT_AUTH_API_KEYS_FILE (the auth Secret's optional {@code api-keys} key): one
 * key per line, optionally named ({@code name:key}), blank lines and {@code #} comments ignored. A
 * missing file means no keys: the operator always points the app at the path and the Secret key is
 * optional. Keys are held only as SHA-256 digests and compared by digest, so lookup time says
 * nothing about how much of a key matched.
 */
public final class ApiKeys {

  static final int MIN_KEY_CHARS = 16;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  private static final Pattern KEY = Pattern.compile("\\S{" + MIN_KEY_CHARS + ",512}");

  /** Digest of each key -> the name it authenticates as. */
  private final Map<String, String> names;

  private ApiKeys(Map<String, String> names) {
    this.names = names;
  }

  public static ApiKeys none() {
    return new ApiKeys(Map.of());
  }

  /** The keys of the file, none when it does not exist. */
  public static ApiKeys read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      return none();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read API keys file " + file, e);
    }
    return parse(lines);
  }

  /** What is wrong with the file, for the startup check; empty when it is usable or absent. */
  public static Optional<String> problem(Path file) {
    try {
      read(file);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(e.getMessage());
    }
  }

  static ApiKeys parse(List<String> lines) {
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      boolean named = colon > 0 && NAME.matcher(line.substring(0, colon)).matches();
      String name = named ? line.substring(0, colon) : "api-key-" + (i + 1);
      String key = named ? line.substring(colon + 1) : line;
      if (!KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "API keys file line "
                + (i + 1)
                + ": expected [name:]key, the key at least "
                + MIN_KEY_CHARS
                + " characters without spaces");
      }
      if (names.putIfAbsent(digest(key), name) != null) {
        throw new IllegalArgumentException("API keys file line " + (i + 1) + ": duplicate key");
      }
    }
    return new ApiKeys(Map.copyOf(names));
  }

  /** The name a presented key authenticates as, if it is one of the keys. */
  public Optional<String> nameOf(String presented) {
    return names.isEmpty() ? Optional.empty() : Optional.ofNullable(names.get(digest(presented)));
  }

  public int size() {
    return names.size();
  }

  private static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
