package dev.stockbridge.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.InventoryState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status files from the warehouse: good rows count, each bad row is named, a bad header refuses the file. */
class InspectionFileTest {

  @TempDir Path dir;

  @Test
  void shouldReadEachRow_andNameEveryRowItCannotRead() throws IOException {
    Path file = Files.writeString(dir.resolve("qc.csv"), String.join("\n",
        "status,quantity,location,sku,inspection_id",
        "Passed,3,dc,MUG,qc-1",
        "failed,1,dc,MUG,qc-2",
        "mystery,2,dc,MUG,qc-3",
        "passed,2.5,dc,MUG,qc-4",
        "passed,0,dc,MUG,qc-5",
        "passed,1,dc,,qc-6",
        ""));

    InspectionFile.Contents contents = InspectionFile.read(file, InspectionStatuses.standard());

    StockKey mug = new StockKey(Sku.of("MUG"), Location.of("dc"));
    assertThat(contents.outcomes()).containsExactly(
        new InspectionOutcome(mug, 3, "qc-1", InventoryState.AVAILABLE), new InspectionOutcome(mug, 1, "qc-2", InventoryState.DAMAGED));
    assertThat(contents.problems()).hasSize(4);
    assertThat(contents.problems().get(0)).startsWith("qc.csv line 4: ").contains("mystery", "MUG").endsWith("these units stay in inspection");
    assertThat(contents.problems().get(1)).startsWith("qc.csv line 5: ").contains("\"2.5\" is not a whole number");
    assertThat(contents.problems().get(2)).startsWith("qc.csv line 6: ").contains("quantity");
    assertThat(contents.problems().get(3)).startsWith("qc.csv line 7: ").contains("sku");
    assertThat(contents.keys()).containsExactly(mug, mug, mug, null);
  }

  @Test
  void shouldRefuseTheFile_whenAColumnIsMissing() throws IOException {
    Path file = Files.writeString(dir.resolve("qc.csv"), "sku,location,quantity\nMUG,dc,1\n");

    assertThatThrownBy(() -> InspectionFile.read(file, InspectionStatuses.standard()))
        .isInstanceOf(StockbridgeException.class)
        .hasMessageContaining("qc.csv")
        .hasMessageContaining("lacks inspection_id, status");
  }
}
