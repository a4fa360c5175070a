package dev.stockbridge.inspection;

/**
 * What one run of {@link InspectionFlow} did. Immutable.
 *
 * @param files status files processed (moved to {@code done/})
 * @param outcomes inspected lots booked
 * @param units units that left inspection
 * @param problems rows that could not be read (raised as exceptions; their units stay in inspection)
 */
public record InspectionCycle(int files, int outcomes, long units, int problems) {}
