package dev.stockbridge.planner.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedDirectoryTest {

  @TempDir Path dir;

  private static FeedContent text(String content) {
    return out -> {
      try {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new FeedReport(0, 0, List.of());
    };
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void shouldReplaceTheFileWhole_whenPublished() throws IOException {
    FeedDirectory directory = FeedDirectory.of(dir);
    directory.publish("products.csv", text("old\n"));
    directory.publish("products.csv", text("new\n"));

    assertThat(dir.resolve("products.csv")).hasContent("new\n");
    assertThat(files()).containsExactly("products.csv");
  }

  @Test
  void shouldKeepThePreviousFileAndNoTemporary_whenWritingFails() throws IOException {
    FeedDirectory directory = FeedDirectory.of(dir);
    directory.publish("products.csv", text("complete\n"));

    assertThatThrownBy(() -> directory.publish("products.csv", out -> {
      text("partial").writeTo(out);
      throw new UncheckedIOException(new IOException("disk full"));
    })).isInstanceOf(FeedException.class).hasMessageContaining("disk full");

    assertThat(dir.resolve("products.csv")).hasContent("complete\n");
    assertThat(files()).containsExactly("products.csv");
  }

  @Test
  void shouldRefuse_whenTheNameIsNotAPlainFileName() {
    FeedDirectory directory = FeedDirectory.of(dir);

    for (String name : List.of("../x.csv", "a/b.csv", ".hidden", " x.csv", "")) {
      assertThatThrownBy(() -> directory.publish(name, text("x")))
          .as(name).isInstanceOf(InvalidValueException.class);
    }
  }
}
