package dev.chatbot.app.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates storage directories on first use, so a fresh volume needs no init container. */
public final class Directories {

  private Directories() {}

  public static Path create(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir + " (volume writable?)", e);
    }
  }
}
