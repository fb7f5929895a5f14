/** The consent ledger behind the gate: an append-only collection of events and the state each leads to. */
package edu.studentrecords.store.internal.consent;
