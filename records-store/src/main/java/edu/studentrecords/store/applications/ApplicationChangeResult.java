package edu.studentrecords.store.applications;

/**
 * What became of a change of an application's settings: written at once, or waiting for a second administrator.
 *
 * @param settings the application's settings as they now apply
 * @param pending  the waiting change, or null when the change was written
 */
public record ApplicationChangeResult(ApplicationAccess settings, ApplicationChange pending) {
}
