package dev.holdfast.repository.tree;

/** One extended attribute, name and value as raw bytes. */
public record ExtendedAttribute(byte[] name, byte[] value) {
}
