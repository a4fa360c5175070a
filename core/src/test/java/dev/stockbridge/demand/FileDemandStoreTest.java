package dev.stockbridge.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
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
  void shouldSetTheDamagedRowAsideAndKeepTheLaterOnes_whenARowBeforeTheEndIsDamaged() throws IOException {
    Path other = dir.resolve("damaged.log");
    long second;
    try (FileDemandStore store = FileDemandStore.open(other)) {
      store.put(List.of(sale("a", 0)));
      second = Files.size(other);
      store.put(List.of(sale("b", 1)));
      store.put(List.of(sale("c", 2)));
    }
    try (RandomAccessFile raf = new RandomAccessFile(other.toFile(), "rw")) {
      raf.seek(second + 20);
      int b = raf.read();
      raf.seek(second + 20);
      raf.write(b ^ 0xff);
    }

    try (FileDemandStore store = FileDemandStore.open(other)) {
      assertThat(ids(store)).containsExactly("a", "c");
      store.put(List.of(sale("d", 3)));
    }
    try (FileDemandStore store = FileDemandStore.open(other)) {
      assertThat(ids(store)).containsExactly("a", "c", "d");
    }
    assertThat(dir.resolve("damaged.log.damaged-at-" + second)).isNotEmptyFile();
  }

  /** A file as the store wrote it before the record log: headerless {@code [length][crc32c][row]} frames. */
  private static byte[] headerless(DemandLine... lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (DemandLine line : lines) {
      byte[] row = DemandCodec.encode(line);
      CRC32C crc = new CRC32C();
      crc.update(row);
      out.writeBytes(ByteBuffer.allocate(8).putInt(row.length).putInt((int) crc.getValue()).array());
      out.writeBytes(row);
    }
    return out.toByteArray();
  }

  @Test
  void shouldConvertTheHeaderlessFileOfBefore_whenOpened() throws IOException {
    Path old = dir.resolve("old.log");
    byte[] bytes = headerless(sale("a", 0), sale("b", 1), sale("a", 2));
    Files.write(old, Arrays.copyOf(bytes, bytes.length - 3)); // the last row cut short: dropped

    try (FileDemandStore store = FileDemandStore.open(old)) {
      assertThat(ids(store)).containsExactly("a", "b");
      store.put(List.of(sale("c", 3)));
    }
    try (FileDemandStore store = FileDemandStore.open(old)) {
      assertThat(ids(store)).containsExactly("a", "b", "c");
    }
    assertThat(Arrays.copyOf(Files.readAllBytes(old), 4)).isEqualTo(new byte[] {(byte) 0x89, 'S', 'B', 'D'});
  }

  @Test
  void shouldRefuseAndLeaveTheHeaderlessFileOfBefore_whenARowBeforeItsEndIsDamaged() throws IOException {
    Path old = dir.resolve("old.log");
    byte[] bytes = headerless(sale("a", 0), sale("b", 1));
    bytes[20] ^= (byte) 0xff;
    Files.write(old, bytes);

    assertThatThrownBy(() -> FileDemandStore.open(old))
        .isInstanceOf(DemandStoreException.class)
        .hasMessageContaining("damaged row at offset 0");
    assertThat(Files.readAllBytes(old)).isEqualTo(bytes);
  }

  @Test
  void shouldRefuseASecondOpen_whenTheFileIsInUse() {
    assertThatThrownBy(() -> FileDemandStore.open(file()))
        .isInstanceOf(DemandStoreException.class)
        .hasMessageContaining("already open");
  }
}
