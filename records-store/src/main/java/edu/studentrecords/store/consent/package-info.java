/**
 * The consent ledger: the realm's consent purposes (texts and their version) and, per student and purpose, an
 * append-only history of consents given and withdrawn, by whom and under which text version.
 */
package edu.studentrecords.store.consent;
