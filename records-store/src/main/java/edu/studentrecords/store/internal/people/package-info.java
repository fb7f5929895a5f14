/** The gated directory of the realm's people's names. */
package edu.studentrecords.store.internal.people;
