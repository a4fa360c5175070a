package dev.stockbridge.mapping;

/**
 * One mapping from key to value and where it came from.
 *
 * @param <K> the key's type
 * @param <V> the value's type
 * @param key the key
 * @param value the value
 * @param origin the file and line, or the code call, that mapped it
 */
record MappingEntry<K, V>(K key, V value, Origin origin) {}
