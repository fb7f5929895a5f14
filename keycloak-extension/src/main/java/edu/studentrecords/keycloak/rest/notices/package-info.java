/**
 * {@code /notices}: the notices of changes an application receives for what it read (client credentials), and their
 * acknowledgement; and the bodies of {@code GET /me/notices}.
 */
package edu.studentrecords.keycloak.rest.notices;
