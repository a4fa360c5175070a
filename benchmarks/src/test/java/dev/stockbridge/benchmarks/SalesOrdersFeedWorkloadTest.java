package dev.stockbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.stockbridge.planner.feed.AdvancedFeeds;
import dev.stockbridge.planner.feed.StarterFeeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that the naive baseline writes the same rows as the library, so the race is fair. */
class SalesOrdersFeedWorkloadTest {

  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

  private static List<List<String>> parse(byte[] csv) throws IOException {
    try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(csv)) {
      return rows.readAll().stream().map(Arrays::asList).toList();
    }
  }

  @Test
  void shouldWriteTheSameRows_whenEitherWriterWritesTheWorkload() throws IOException {
    DemandWorkload demand = new DemandWorkload(500, 120, 7);
    ByteArrayOutputStream library = new ByteArrayOutputStream();
    ByteArrayOutputStream naive = new ByteArrayOutputStream();

    StarterFeeds.builder(demand.mapping(), DemandWorkload.WAREHOUSE).build()
        .writeSalesOrders(action -> demand.forEach(1_200, action), library);
    long rows = new NaiveSalesOrdersWriter(demand.mapping(), DemandWorkload.WAREHOUSE)
        .write(action -> demand.forEach(1_200, action), naive);

    List<List<String>> expected = parse(library.toByteArray());
    assertThat(expected).hasSize((int) rows + 1);
    assertThat(parse(naive.toByteArray())).isEqualTo(expected);
    assertThat(expected).anySatisfy(row -> assertThat(row.get(0)).contains(", \"gift\""))
        .anySatisfy(row -> assertThat(row.get(1)).startsWith("'-SKU-"))
        .anySatisfy(row -> assertThat(row.get(5)).startsWith("-"))
        .anySatisfy(row -> assertThat(row.get(7)).isEqualTo("true"));
  }

  @Test
  void shouldWriteTheSameAdvancedRows_whenEitherWriterWritesTheWorkload() throws IOException {
    DemandWorkload demand = new DemandWorkload(500, 120, 7);
    ByteArrayOutputStream library = new ByteArrayOutputStream();
    ByteArrayOutputStream naive = new ByteArrayOutputStream();

    AdvancedFeeds.builder(demand.mapping()).build().writeSalesOrders(action -> demand.forEach(500, action), library);
    long rows = new NaiveSalesOrdersWriter(demand.mapping(), DemandWorkload.WAREHOUSE)
        .writeAdvanced(action -> demand.forEach(500, action), naive);

    // One pass over the pool, so cancellations of a line do not add up over repeats: some are partial.
    List<List<String>> expected = parse(library.toByteArray());
    assertThat(expected).hasSize((int) rows + 1);
    assertThat(parse(naive.toByteArray())).isEqualTo(expected);
    assertThat(expected).anySatisfy(row -> assertThat(row.get(0)).endsWith("/cancelled"))
        .anySatisfy(row -> assertThat(row.get(14)).isEqualTo("true"));
  }
}
