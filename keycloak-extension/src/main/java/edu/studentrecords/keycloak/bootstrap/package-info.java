/**
 * What the extension puts into every realm and keeps in step with it: client scopes, roles, attributes, the centre's
 * client and the verification required action ({@link edu.studentrecords.keycloak.bootstrap.RealmBootstrap}), applied
 * when a realm is created or the server starts; and what happens to a record when its realm or its user is removed.
 */
package edu.studentrecords.keycloak.bootstrap;
