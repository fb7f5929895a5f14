package edu.studentrecords.store.guardians;

import edu.studentrecords.store.model.Relationship;

/**
 * A child as their guardian's list shows it. Immutable; {@link #toString()} never prints the name.
 *
 * @param recordId     the child's record
 * @param name         the child's name; null once the guardian no longer acts for them
 * @param age          the child's age in whole years today
 * @param relationship how the guardian is related to the child (the guardian entry the link names)
 * @param proxy        whether the guardian acts for the child now (under 18)
 */
public record Child(String recordId, String name, int age, Relationship relationship, boolean proxy) {

    @Override
    public String toString() {
        return "Child[recordId=" + recordId + ", age=" + age + ", proxy=" + proxy + "]";
    }
}
