package dev.chatbot.app.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers (and a restart after a crash or a killed pod) see either the old or
 * the new content, never a half-written one: temp file in the same directory, fsync, rename.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  public static void write(Path target, byte[] content) {
    write(target, content, true);
  }

  /**
   * The same rename, without waiting for the disk: survives the process dying (the kernel holds the
   * data), not a node crash until someone fsyncs it ({@link GroupedSync}).
   */
  public static void writeUnsynced(Path target, byte[] content) {
    write(target, content, false);
  }

  private static void write(Path target, byte[] content, boolean sync) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, ".tmp-", ".part");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(content));
        if (sync) {
          channel.force(true);
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target.getFileName(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: a leftover .part file is ignored by every reader
        }
      }
    }
  }
}
