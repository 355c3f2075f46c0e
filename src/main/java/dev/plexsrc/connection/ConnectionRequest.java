package dev.plexsrc.connection;

/** A validated write to a connection; a {@code null} component was absent. Owner and source are read on create only. */
public interface ConnectionRequest<O> {

    O owner();

    /** The source's pk or slug ({@link SourceReference}). */
    String source();

    String identifier();
}
