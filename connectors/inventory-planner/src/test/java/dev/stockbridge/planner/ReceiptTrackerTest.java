package dev.stockbridge.planner;

import dev.stockbridge.flow.ReceiptLedger;

import static dev.stockbridge.planner.EngineFixture.MUG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.inspection.InspectionOutcome;
import dev.stockbridge.Movement;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.IllegalTransitionException;
import dev.stockbridge.InventoryState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceiptTrackerTest {

  private final EngineFixture fixture = new EngineFixture(10, 3);
  private final ReceiptLedger ledger = ReceiptLedger.inMemory();

  @AfterEach
  void stop() {
    fixture.close();
  }

  private ReceiptTracker tracker(ReceiptPolicy policy) {
    return ReceiptTracker.create(EngineFixture.MAPPING, policy, ledger, fixture.unmapped::add);
  }

  @Test
  void shouldHoldAReceiptInInspection_andMakeItSellableOnlyWhenInspectionPasses() throws Exception {
    List<Movement> received = tracker(ReceiptPolicy.inspectEverything()).receive(order("17", "c1_1", 4), fixture.engine::submit);
    fixture.drain();

    assertThat(received).singleElement().satisfies(m -> {
      assertThat(m.state()).isEqualTo(InventoryState.INSPECTION);
      assertThat(m.quantity()).isEqualTo(4);
      assertThat(m.idempotencyKey()).isEqualTo("receipt/po/17/c1_1/4");
    });
    assertThat(fixture.onStock(MUG)).as("in inspection: not sellable yet").isEqualTo(10);

    fixture.engine.submit(InspectionOutcome.passed(MUG, 4, "qc-17").movements());
    fixture.drain();
    assertThat(fixture.onStock(MUG)).isEqualTo(14);

    fixture.engine.submit(InspectionOutcome.passed(MUG, 4, "qc-17").movements());
    fixture.drain();
    assertThat(fixture.onStock(MUG)).as("the same inspection reported twice counts once").isEqualTo(14);
  }

  @Test
  void shouldMoveOnlyWhatWasReceivedSinceLastSeen_whenTheSameOrderIsReadAgain() throws Exception {
    ReceiptTracker tracker = tracker(ReceiptPolicy.sellableOnReceipt());

    tracker.receive(order("17", "c1_1", 4), fixture.engine::submit);
    assertThat(tracker.receive(order("17", "c1_1", 4), fixture.engine::submit)).isEmpty();
    List<Movement> more = tracker.receive(order("17", "c1_1", 6), fixture.engine::submit);
    fixture.drain();

    assertThat(more).extracting(Movement::quantity, Movement::idempotencyKey).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2L, "receipt/po/17/c1_1/6"));
    assertThat(fixture.onStock(MUG)).isEqualTo(16);
  }

  @Test
  void shouldNotDoubleCount_whenSubmittingFailedAndTheOrderIsReadAgain() throws Exception {
    ReceiptTracker tracker = tracker(ReceiptPolicy.sellableOnReceipt());

    assertThatThrownBy(() -> tracker.receive(order("17", "c1_1", 4), movements -> {
      fixture.engine.submit(movements);
      throw new IllegalStateException("host crashed after submitting");
    })).isInstanceOf(IllegalStateException.class);
    tracker.receive(order("17", "c1_1", 4), fixture.engine::submit);
    fixture.drain();

    assertThat(fixture.onStock(MUG)).as("same key resubmitted, applied once").isEqualTo(14);
    assertThat(fixture.engine.health().duplicates()).isEqualTo(1);
  }

  @Test
  void shouldRaiseAnUnmappedLine_andStillMoveTheMappedOnes() throws Exception {
    PurchaseOrder order = new PurchaseOrder("18", "", "OPEN", "po", WarehouseId.of("w1"), Optional.empty(), Optional.empty(),
        List.of(new PurchaseOrderItem(VariantId.of("c9_9"), "GHOST", 5, 0, 5), new PurchaseOrderItem(VariantId.of("c1_1"), "MUG-1", 5, 0, 5)));

    List<Movement> moved = tracker(ReceiptPolicy.sellableOnReceipt()).receive(order, fixture.engine::submit);
    fixture.drain();

    assertThat(moved).extracting(Movement::key).containsExactly(MUG);
    assertThat(fixture.unmapped).singleElement().satisfies(s -> {
      assertThat(s.lookup().reason()).isEqualTo(Lookup.Reason.UNKNOWN_VARIANT);
      assertThat(s.message()).contains("c9_9").contains("purchase order 18");
    });
    assertThat(fixture.onStock(MUG)).isEqualTo(15);
  }

  @Test
  void shouldRefuseAnInspectionOutcomeTheStateModelForbids() {
    assertThatThrownBy(() -> new InspectionOutcome(MUG, 1, "qc-1", InventoryState.IN_TRANSIT))
        .isInstanceOf(IllegalTransitionException.class);
  }

  static PurchaseOrder order(String id, String variant, long received) {
    return new PurchaseOrder(id, "PO-" + id, "partially received", "po", WarehouseId.of("w1"), Optional.empty(),
        Optional.empty(), List.of(new PurchaseOrderItem(VariantId.of(variant), "MUG-1", 10, 10 - received, received)));
  }
}
