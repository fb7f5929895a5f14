package edu.studentrecords.store.incidents;

import java.util.List;
import java.util.Map;

/**
 * The records an incident's scope reached.
 *
 * @param total     how many records
 * @param byUnit    how many per organisational unit ({@code (destroyed)} for records gone since)
 * @param byGroup   how many per field group (by its JSON name)
 * @param recordIds the records' ids, for administrators only; null for supervision
 */
public record Affected(int total, Map<String, Integer> byUnit, Map<String, Integer> byGroup, List<String> recordIds) {
}
