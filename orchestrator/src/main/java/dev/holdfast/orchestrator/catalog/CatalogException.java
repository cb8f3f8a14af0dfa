package dev.holdfast.orchestrator.catalog;

/** The catalog database could not be opened, migrated, read or written. */
public final class CatalogException extends Exception {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    public CatalogException(String message) {
        super(message);
    }
}
