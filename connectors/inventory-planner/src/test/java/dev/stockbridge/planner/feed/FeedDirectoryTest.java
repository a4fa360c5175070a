package dev.stockbridge.planner.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedDirectoryTest {

  @TempDir Path dir;

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void shouldReplaceTheFileWhole_whenPublished() throws IOException {
    FeedDirectory directory = FeedDirectory.of(dir);
    directory.publish("products.csv", FeedFixtures.content("old\n", 0));
    directory.publish("products.csv", FeedFixtures.content("new\n", 0));

    assertThat(dir.resolve("products.csv")).hasContent("new\n");
    assertThat(files()).containsExactly("products.csv");
  }

  @Test
  void shouldKeepThePreviousFileAndNoTemporary_whenWritingFails() throws IOException {
    FeedDirectory directory = FeedDirectory.of(dir);
    directory.publish("products.csv", FeedFixtures.content("complete\n", 0));

    assertThatThrownBy(() -> directory.publish("products.csv", out -> {
      FeedFixtures.content("partial", 0).writeTo(out);
      throw new UncheckedIOException(new IOException("disk full"));
    })).isInstanceOf(FeedException.class).hasMessageContaining("disk full");

    assertThat(dir.resolve("products.csv")).hasContent("complete\n");
    assertThat(files()).containsExactly("products.csv");
  }

  @Test
  void shouldRefuse_whenTheNameIsNotAPlainFileName() {
    FeedDirectory directory = FeedDirectory.of(dir);

    for (String name : List.of("../x.csv", "a/b.csv", ".hidden", " x.csv", "")) {
      assertThatThrownBy(() -> directory.publish(name, FeedFixtures.content("x", 0)))
          .as(name).isInstanceOf(InvalidValueException.class);
    }
  }
}
