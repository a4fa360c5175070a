package dev.stockbridge.mapping;

/** Where an entry came from: a line of a file, or the n-th call to a builder ({@link #CODE}). */
record Origin(String source, int line) {

  static final String CODE = "code";

  /** This origin as seen from {@code here}: "line 3", "entry 3" or "line 3 of skus.csv". */
  String describe(Origin here) {
    String at = (source.equals(CODE) ? "entry " : "line ") + line;
    return source.equals(here.source) ? at : at + " of " + source;
  }

  /** This origin as seen from itself: "line 3" or "entry 3". */
  String here() {
    return describe(this);
  }

  MappingProblem problem(MappingProblem.Kind kind, String field, String value, String message) {
    return new MappingProblem(kind, source, line, field, value, message);
  }
}
