/**
 * Objects as stored on a provider. An <em>object</em> is an immutable sequence of sealed bytes
 * named by the SHA-256 of those bytes (in hex) under a prefix that names its kind, so a provider
 * cannot swap one object for another without the reader noticing.
 */
package dev.holdfast.repository.objects;
