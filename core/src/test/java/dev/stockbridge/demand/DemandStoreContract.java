package dev.stockbridge.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Channel;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DemandStore} passes. Extend it and implement {@link #open()}; a durable
 * store also overrides {@link #reopen(DemandStore)}, so every read here sees what survived reopening.
 */
public abstract class DemandStoreContract {

  /** For the subclass that names the store under test. */
  protected DemandStoreContract() {}

  static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  private DemandStore store;

  /**
   * Opens an empty store.
   *
   * @return the store under test
   */
  protected abstract DemandStore open();

  /**
   * Closes a store and opens it again over the same storage; the default keeps the instance.
   *
   * @param store the open store
   * @return the store to go on with
   */
  protected DemandStore reopen(DemandStore store) {
    return store;
  }

  /**
   * Releases the store after a test; the default does nothing.
   *
   * @param store the store
   */
  protected void close(DemandStore store) {}

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    close(store);
  }

  /**
   * A sale with every optional field set, created {@code minutes} after {@link #T0}.
   *
   * @param id the row id
   * @param minutes minutes after T0
   * @return the row
   */
  public static DemandLine sale(String id, int minutes) {
    Instant at = T0.plusSeconds(60L * minutes);
    return new DemandLine(id, DemandKind.SALE, "o-" + id, Optional.of("#" + id), "l-" + id,
        Sku.of("MUG-é"), 2, new BigDecimal("9.99"), new BigDecimal("1.50"), "EUR",
        List.of("SPRING", "VIP,10"), Location.of("london-dc"), Optional.of(Channel.of("web")),
        Optional.of("uk"), Optional.of("GB"), Optional.of("group-a"), at, at,
        Map.of("gift", "yes\nno"));
  }

  private static DemandLine bare(String id, Instant createdAt, Instant updatedAt) {
    return new DemandLine(id, DemandKind.RETURN, "o", Optional.empty(), "l", Sku.of("S"), 1,
        BigDecimal.ZERO, BigDecimal.ZERO, "GBP", List.of(), Location.of("dc"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), createdAt, updatedAt, Map.of());
  }

  private List<DemandLine> all() {
    List<DemandLine> rows = new ArrayList<>();
    store.forEach(rows::add);
    return rows;
  }

  private List<DemandLine> since(Instant instant) {
    List<DemandLine> rows = new ArrayList<>();
    store.forEachUpdatedSince(instant, rows::add);
    return rows;
  }

  @Test
  void shouldStreamNothing_whenEmpty() {
    assertThat(all()).isEmpty();
    assertThat(since(Instant.EPOCH)).isEmpty();
  }

  @Test
  void shouldKeepEveryField_whenStored() {
    DemandLine full = sale("a", 0);
    DemandLine minimal = bare("b", T0.plusNanos(1), T0.plusNanos(2));
    store.put(List.of(full, minimal));
    store = reopen(store);

    assertThat(all()).containsExactly(full, minimal);
  }

  @Test
  void shouldOrderByCreationThenId_whenStoredInAnyOrder() {
    store.put(List.of(sale("c", 5), sale("b", 1), sale("a", 5)));
    store.put(List.of(sale("0", 3)));
    store = reopen(store);

    assertThat(all()).extracting(DemandLine::id).containsExactly("b", "0", "a", "c");
  }

  @Test
  void shouldReplaceNotDuplicate_whenSameIdStoredAgain() {
    store.put(List.of(sale("a", 1), sale("b", 2)));
    DemandLine moved = bare("a", T0.plusSeconds(3600), T0.plusSeconds(7200));
    store.put(List.of(moved));
    store = reopen(store);

    assertThat(all()).containsExactly(sale("b", 2), moved);
  }

  @Test
  void shouldStreamRowsUpdatedAtOrAfter_whenAskedSince() {
    store.put(List.of(
        bare("old", T0, T0),
        bare("edge", T0, T0.plusSeconds(10)),
        bare("new", T0.plusSeconds(1), T0.plusSeconds(20))));
    store = reopen(store);

    assertThat(since(T0.plusSeconds(10))).extracting(DemandLine::id).containsExactly("edge", "new");
    assertThat(since(T0.plusSeconds(10).plusNanos(1))).extracting(DemandLine::id).containsExactly("new");
  }

  @Test
  void shouldStoreNothing_whenARowIsNull() {
    assertThatThrownBy(() -> store.put(Arrays.asList(sale("a", 0), null)))
        .isInstanceOf(InvalidValueException.class);
    assertThat(all()).isEmpty();
  }

  @Test
  void shouldAllowStoring_whileIterating() {
    store.put(List.of(sale("a", 0), sale("b", 1)));
    List<String> seen = new ArrayList<>();
    store.forEach(line -> {
      seen.add(line.id());
      store.put(List.of(sale(line.id() + "-again", 10)));
    });

    assertThat(seen).containsExactly("a", "b");
    assertThat(all()).extracting(DemandLine::id).containsExactly("a", "b", "a-again", "b-again");
  }
}
