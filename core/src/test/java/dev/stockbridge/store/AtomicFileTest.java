package dev.stockbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file replaced atomically: new content or old, never a partial file nor a leftover. */
class AtomicFileTest {

  @TempDir Path dir;

  @Test
  void shouldCreateThenReplaceTheFile_andReportWhatTheContentReturned() throws IOException {
    Path file = dir.resolve("feed.watermark");

    AtomicFile.write(file, out -> {
      out.write("2026-11-27T09:00:00Z".getBytes(StandardCharsets.UTF_8));
      return null;
    });
    int written = AtomicFile.write(file, out -> {
      out.write("2026-11-28T09:00:00Z".getBytes(StandardCharsets.UTF_8));
      return 20;
    });

    assertThat(written).isEqualTo(20);
    assertThat(file).hasContent("2026-11-28T09:00:00Z");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void shouldKeepTheOldContentAndNoTemporaryFile_whenWritingFails() throws IOException {
    Path file = dir.resolve("feed.watermark");
    Files.writeString(file, "old");

    assertThatThrownBy(() -> AtomicFile.write(file, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).isInstanceOf(IOException.class).hasMessage("disk full");

    assertThat(file).hasContent("old");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
