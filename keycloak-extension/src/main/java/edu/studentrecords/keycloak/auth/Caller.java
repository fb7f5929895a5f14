package edu.studentrecords.keycloak.auth;

import edu.studentrecords.store.access.AccessContext;
import org.keycloak.representations.AccessToken;

/**
 * The authenticated caller of one request.
 *
 * @param token   the verified access token (for CORS: its allowed origins)
 * @param context the access context the store decides on
 */
public record Caller(AccessToken token, AccessContext context) {
}
