package dev.holdfast.repository;

/** Receives the entries of a snapshot in depth-first order, each folder before its contents. */
@FunctionalInterface
public interface TreeVisitor {
    void visit(Entry entry) throws RepositoryException;
}
