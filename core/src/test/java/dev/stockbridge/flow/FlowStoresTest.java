package dev.stockbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.StockbridgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flows' file stores at the edges of state: fresh, reopened, shared, damaged. */
class FlowStoresTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void shouldStartEmpty_andCreateNothing_whenOnlyRead() {
    Path file = dir.resolve("new/quarantine.json");

    assertThat(OrderQuarantine.file(file).held()).isEmpty();
    assertThat(Checkpoints.file(dir.resolve("new/checkpoints.json")).get(OrderFlow.START)).isEmpty();
    assertThat(dir.resolve("new")).doesNotExist();
  }

  @Test
  void shouldKeepHeldOrdersAcrossAReopen_withAttemptsAndTimes() {
    Path file = dir.resolve("quarantine.json");
    OrderQuarantine first = OrderQuarantine.file(file);
    first.hold(new RejectedOrder("o-1", "no SKU"), T0);
    first.hold(new RejectedOrder("o-2", "no channel"), T0.plusSeconds(1));
    first.hold(new RejectedOrder("o-1", "still no SKU"), T0.plusSeconds(60));

    List<QuarantinedOrder> reopened = OrderQuarantine.file(file).held();

    assertThat(reopened).extracting(QuarantinedOrder::orderId).containsExactly("o-1", "o-2");
    assertThat(reopened.get(0)).isEqualTo(new QuarantinedOrder("o-1", "still no SKU", T0, T0.plusSeconds(60), 2));
    OrderQuarantine.file(file).release("o-1");
    assertThat(OrderQuarantine.file(file).held()).extracting(QuarantinedOrder::orderId).containsExactly("o-2");
  }

  @Test
  void shouldLoseNoHold_whenTwoInstancesShareTheFile() throws Exception {
    Path file = dir.resolve("quarantine.json");
    OrderQuarantine a = OrderQuarantine.file(file);
    OrderQuarantine b = OrderQuarantine.file(file);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        OrderQuarantine side = i % 2 == 0 ? a : b;
        String id = "o-" + i;
        done.add(pool.submit(() -> side.hold(new RejectedOrder(id, "bad"), T0)));
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(OrderQuarantine.file(file).held()).hasSize(40);
  }

  @Test
  void shouldNameTheFile_whenItIsDamaged() throws IOException {
    Path file = dir.resolve("quarantine.json");
    Files.writeString(file, "[{\"orderId\": \"o-1\", \"prob");

    assertThatThrownBy(() -> OrderQuarantine.file(file).held())
        .isInstanceOf(StockbridgeException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("damaged")
        .hasMessageContaining("restore it from a backup");
  }

  @Test
  void shouldKeepTheFirstCheckpoint_acrossAReopenAndALaterValue() {
    Path file = dir.resolve("checkpoints.json");

    Instant kept = Checkpoints.file(file).setOnce(OrderFlow.START, T0);
    Instant again = Checkpoints.file(file).setOnce(OrderFlow.START, T0.plusSeconds(3600));

    assertThat(kept).isEqualTo(T0);
    assertThat(again).isEqualTo(T0);
    assertThat(Checkpoints.file(file).get(OrderFlow.START)).contains(T0);
    assertThat(dir.resolve("checkpoints.json.tmp")).doesNotExist();
  }

  @Test
  void shouldRefuseAnEmptyFile_ratherThanForgetTheStart() throws IOException {
    Path file = dir.resolve("checkpoints.json");
    Files.writeString(file, "");

    assertThatThrownBy(() -> Checkpoints.file(file).get(OrderFlow.START)).isInstanceOf(StockbridgeException.class).hasMessageContaining("is empty");
  }
}
