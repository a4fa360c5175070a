package dev.stockbridge.demand;

class InMemoryDemandStoreTest extends DemandStoreContract {

  @Override
  protected DemandStore open() {
    return new InMemoryDemandStore();
  }
}
