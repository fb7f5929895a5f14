package edu.studentrecords.store;

/**
 * What a self-service look-up learns about the caller's own record without reading its content: its id, and the
 * unit it belongs to (which decides who else can reach it).
 *
 * @param id   the record id
 * @param unit the unit path of the record, e.g. {@code science/physics/2024-1}
 */
public record OwnRecord(String id, String unit) {
}
