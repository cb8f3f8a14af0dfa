package dev.holdfast.repository;

import java.io.InputStream;

/** Receives the entries of a snapshot as {@link TreeVisitor} does, with each file's content. */
@FunctionalInterface
public interface ContentVisitor {
    /**
     * @param content a regular file's content, read from the providers only as the visitor
     *     reads it, with every blob authenticated; null for other kinds of entry. The visitor
     *     closes it.
     */
    void visit(Entry entry, InputStream content) throws RepositoryException;
}
