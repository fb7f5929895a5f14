package edu.studentrecords.store.incidents;

/**
 * What PIPL art. 57 asks a notice to the people affected to say, besides which of their data: why it happened, the
 * possible harm, the remedies taken, what they can do themselves, and whom to contact. Written by the centre for the
 * students; never names a student.
 */
public record NotificationContent(String cause, String harm, String remedies, String advice, String contact) {
}
