package edu.studentrecords.keycloak.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The {@code student-records} SPI: gives request code the {@link edu.studentrecords.store.StudentRecordStore} of a
 * realm. Its factory owns the MongoDB client of the node and the per-realm stores.
 */
public final class StudentRecordsSpi implements Spi {

    /** The SPI name, as used in options such as {@code --spi-student-records--default--keys-dir}. */
    public static final String NAME = "student-records";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return StudentRecordsProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory<?>> getProviderFactoryClass() {
        return StudentRecordsProviderFactory.class;
    }
}
