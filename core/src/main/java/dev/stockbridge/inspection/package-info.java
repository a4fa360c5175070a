/**
 * Inspection: returned and received units wait in {@code INSPECTION} and reach the storefront only
 * once an {@link dev.stockbridge.inspection.InspectionOutcome} passes them. Outcomes come from the
 * warehouse as status files dropped in a directory ({@link dev.stockbridge.inspection.InspectionFlow})
 * or from people ({@code stockbridge inspection pass|fail}); {@link
 * dev.stockbridge.inspection.InspectionCounts} tells how many units wait per key.
 */
package dev.stockbridge.inspection;
