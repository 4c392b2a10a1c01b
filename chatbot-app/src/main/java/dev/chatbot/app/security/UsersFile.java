package dev.chatbot.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Reads CHATBOT_AUTH_USERS_FILE: one {@code user:{noop}password} or {@code user:{bcrypt}hash} per
 * line, blank lines and {@code #} comments ignored (the operator mounts it from a Secret).
 */
public final class UsersFile {

  private UsersFile() {}

  /** What is wrong with the file, for the startup check; empty when it is usable. */
  public static java.util.Optional<String> problem(Path file) {
    try {
      read(file);
      return java.util.Optional.empty();
    } catch (RuntimeException e) {
      return java.util.Optional.of(e.getMessage());
    }
  }

  static List<UserDetails> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read users file " + file, e);
    }
    return parse(lines);
  }

  static List<UserDetails> parse(List<String> lines) {
    List<UserDetails> users = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !line.startsWith("{", colon + 1)) {
        throw new IllegalArgumentException(
            "users file line " + (i + 1) + ": expected user:{noop}password or user:{bcrypt}hash");
      }
      users.add(
          User.withUsername(line.substring(0, colon))
              .password(line.substring(colon + 1))
              .roles("USER")
              .build());
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException("users file defines no users");
    }
    return users;
  }
}
