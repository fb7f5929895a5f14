package edu.studentrecords.store.audit;

/**
 * Signs what the audit trail hands out (checkpoints, exports, extracts) with a key that lives outside the store, so
 * that someone who can write the database cannot forge them. The store knows no key: the caller (the Keycloak
 * extension, with the realm's signing key) provides the signer.
 */
@FunctionalInterface
public interface AuditSigner {

    /**
     * Signs a JSON payload.
     *
     * @param type the JWS {@code typ}, e.g. {@link AuditCheckpoint#TYPE}
     * @param json the payload, UTF-8 JSON
     * @return the signature with the payload, as a compact JWS
     */
    String sign(String type, byte[] json);
}
