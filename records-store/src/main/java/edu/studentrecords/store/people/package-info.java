/** The names of the realm's people for the centre's screens, behind the store's gate. */
package edu.studentrecords.store.people;
