package dev.stockbridge.planner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The hand-written cell encoders write exactly what the JDK's own formatting does. */
class CsvRowsProperties {

  private static String cell(java.util.function.Consumer<CsvRows> write) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvRows csv = new CsvRows("test", out, List.of("A"));
    write.accept(csv);
    csv.end();
    csv.finish();
    String text = out.toString(StandardCharsets.UTF_8);
    return text.substring("A\n".length(), text.length() - 1);
  }

  @Property(tries = 500)
  void instantsAreWrittenAsInstantToString(
      @ForAll @LongRange(min = -62_167_219_200L - 1000, max = 253_402_300_799L + 1000) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll @IntRange(min = 0, max = 3) int roundTo) {
    int rounded = switch (roundTo) {
      case 0 -> 0;
      case 1 -> nanos / 1_000_000 * 1_000_000;
      case 2 -> nanos / 1000 * 1000;
      default -> nanos;
    };
    Instant instant = Instant.ofEpochSecond(seconds, rounded);

    assertThat(cell(csv -> csv.instant(instant))).isEqualTo(instant.toString());
  }

  @Property(tries = 500)
  void decimalsAreWrittenAsToPlainString(@ForAll long unscaled, @ForAll @IntRange(min = -3, max = 20) int scale) {
    BigDecimal value = BigDecimal.valueOf(unscaled, scale);

    assertThat(cell(csv -> csv.number(value))).isEqualTo(value.toPlainString());
  }

  @Property(tries = 200)
  void longsAreWrittenAsLongToString(@ForAll long value) {
    assertThat(cell(csv -> csv.number(value))).isEqualTo(Long.toString(value));
  }
}
