/** Guardian links and a guardian's work for a linked child, behind the gate. */
package edu.studentrecords.store.internal.guardians;
