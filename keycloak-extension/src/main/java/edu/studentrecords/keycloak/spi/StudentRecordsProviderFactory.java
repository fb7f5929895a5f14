package edu.studentrecords.keycloak.spi;

import org.keycloak.provider.ProviderFactory;

/** Makes {@link StudentRecordsProvider}s; the implementation owns the node's MongoDB client and the stores. */
public interface StudentRecordsProviderFactory extends ProviderFactory<StudentRecordsProvider> {
}
