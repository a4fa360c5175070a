package dev.stockbridge.mapping;

/** One value read from a file, with its line; {@code text} is null when the value is missing. */
record Cell(String field, String text, int line) {}
