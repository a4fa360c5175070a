package dev.stockbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.simulation.MutableClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DifferProperties {

  @Property(tries = 200)
  void mergeAndHashJoinFindTheSameDiscrepancies(@ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int keys) {
    Random random = new Random(seed);
    Map<String, SourceStock> source = new TreeMap<>();
    Map<String, ShownStock> shown = new TreeMap<>();
    for (int i = 0; i < keys; i++) {
      String sku = "S" + random.nextInt(40);
      String location = "l" + random.nextInt(3);
      int side = random.nextInt(5);
      long quantity = random.nextInt(20);
      if (side != 0) {
        source.put(sku + "@" + location, Fixtures.source(sku, location, quantity));
      }
      if (side != 1) {
        shown.put(sku + "@" + location, Fixtures.shown(sku, location, random.nextInt(4) == 0 ? quantity + 3 : quantity));
      }
    }
    Differ differ = Differ.builder().clock(new MutableClock(Fixtures.NOW)).build();
    List<SourceStock> sortedSource = sortedByKey(source);
    List<ShownStock> sortedShown = sortedByKey(shown);
    List<Discrepancy> merged = new ArrayList<>();
    differ.diffStock(StockRows.sorted(sortedSource.iterator()), StockRows.sorted(sortedShown.iterator()), merged::add);
    List<SourceStock> shuffledSource = new ArrayList<>(sortedSource);
    List<ShownStock> shuffledShown = new ArrayList<>(sortedShown);
    Collections.shuffle(shuffledSource, random);
    Collections.shuffle(shuffledShown, random);
    List<Discrepancy> hashed = new ArrayList<>();
    differ.diffStock(StockRows.unsorted(shuffledSource.iterator()), StockRows.unsorted(shuffledShown.iterator()), hashed::add);

    assertThat(hashed).containsExactlyInAnyOrderElementsOf(merged);
  }

  private static <T extends Keyed> List<T> sortedByKey(Map<String, T> rows) {
    List<T> list = new ArrayList<>(rows.values());
    list.sort((a, b) -> a.key().compareTo(b.key()));
    return list;
  }
}
