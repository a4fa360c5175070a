package dev.stockbridge.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDemandStoreTest extends DemandStoreContract {

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("demand.log");
  }

  @Override
  protected DemandStore open() {
    return FileDemandStore.open(file());
  }

  @Override
  protected DemandStore reopen(DemandStore store) {
    ((FileDemandStore) store).close();
    return FileDemandStore.open(file());
  }

  @Override
  protected void close(DemandStore store) {
    ((FileDemandStore) store).close();
  }

  private static List<String> ids(DemandStore store) {
    List<String> ids = new ArrayList<>();
    store.forEach(line -> ids.add(line.id()));
    return ids;
  }

  @Test
  void shouldDropOnlyTheCutRow_whenTheLastPutWasCutShort() throws IOException {
    Path other = dir.resolve("cut.log");
    long intact;
    try (FileDemandStore store = FileDemandStore.open(other)) {
      store.put(List.of(sale("a", 0)));
      intact = Files.size(other);
      store.put(List.of(sale("b", 1)));
    }
    long size = Files.size(other);
    try (RandomAccessFile raf = new RandomAccessFile(other.toFile(), "rw")) {
      raf.setLength(size - 3);
    }

    try (FileDemandStore store = FileDemandStore.open(other)) {
      assertThat(Files.size(other)).isEqualTo(intact);
      assertThat(ids(store)).containsExactly("a");
      store.put(List.of(sale("c", 2)));
    }
    try (FileDemandStore store = FileDemandStore.open(other)) {
      assertThat(ids(store)).containsExactly("a", "c");
    }
  }

  @Test
  void shouldRefuseToOpen_whenARowBeforeTheEndIsDamaged() throws IOException {
    Path other = dir.resolve("damaged.log");
    try (FileDemandStore store = FileDemandStore.open(other)) {
      store.put(List.of(sale("a", 0)));
      store.put(List.of(sale("b", 1)));
    }
    try (RandomAccessFile raf = new RandomAccessFile(other.toFile(), "rw")) {
      raf.seek(20);
      raf.write(raf.read() ^ 0xff);
    }

    assertThatThrownBy(() -> FileDemandStore.open(other))
        .isInstanceOf(DemandStoreException.class)
        .hasMessageContaining("damaged row at offset 0");
  }

  @Test
  void shouldRefuseASecondOpen_whenTheFileIsInUse() {
    assertThatThrownBy(() -> FileDemandStore.open(file()))
        .isInstanceOf(DemandStoreException.class)
        .hasMessageContaining("already open");
  }
}
