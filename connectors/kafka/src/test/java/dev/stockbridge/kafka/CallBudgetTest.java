package dev.stockbridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallBudgetTest {

  @Test
  void share_isTheGroupBudgetTimesThePartitionsOwned() {
    CallBudget budget = new CallBudget(120);
    budget.share(4, 12);
    assertThat(budget.perSecond()).isCloseTo(40.0, org.assertj.core.data.Offset.offset(0.01));
    budget.share(6, 12);
    assertThat(budget.perSecond()).as("after a rebalance gave it two more").isCloseTo(60.0, org.assertj.core.data.Offset.offset(0.01));
    budget.share(0, 12);
    assertThat(budget.perSecond()).as("owning nothing, spending nothing").isZero();
  }

  @Test
  void share_withoutABudget_isUnlimited() throws InterruptedException {
    CallBudget budget = new CallBudget(0);
    budget.share(1, 12);
    assertThat(budget.perSecond()).isInfinite();
    budget.acquire(); // returns at once
  }
}
