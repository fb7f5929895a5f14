/** {@code /people}: the names of the realm's people for the centre's screens (administrators and supervision). */
package edu.studentrecords.keycloak.rest.people;
