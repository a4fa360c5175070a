package dev.stockbridge.mapping;

/** What one order default is for: a store or a distribution channel, by key. */
record DefaultKey(OrderDefaults.Scope scope, String key) {

  @Override
  public String toString() {
    return scope.text() + " " + key;
  }
}
