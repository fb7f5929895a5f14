package edu.studentrecords.store.guardians;

/**
 * The account a link is to name, as the host found it: its user id, its username, and whether it holds the
 * {@code guardian} role. Null {@code subject}: no such account.
 *
 * @param subject       the account's user id, or null when the username names no account
 * @param username      the username asked for
 * @param guardianRole  whether the account holds the {@code guardian} role
 */
public record GuardianAccount(String subject, String username, boolean guardianRole) {

    @Override
    public String toString() {
        return "GuardianAccount[subject=" + subject + ", guardianRole=" + guardianRole + "]";
    }
}
