package edu.studentrecords.embedded;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a child process wrote, kept for error messages. Thread-safe. */
final class OutputTail {

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    OutputTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The kept lines, oldest first, one per line; empty if there are none. */
    synchronized String text() {
        return String.join(System.lineSeparator(), lines);
    }
}
