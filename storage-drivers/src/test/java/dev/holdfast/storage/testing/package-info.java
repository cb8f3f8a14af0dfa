/**
 * Test doubles for providers, published in the test-jar for other modules' tests.
 *
 * <p>A <em>fault rule</em> instructs a {@link dev.holdfast.storage.testing.FaultInjectingProvider}
 * which calls (operation and key pattern) to disturb and how: fail, delay, corrupt, abort a put
 * halfway or throttle. A <em>lost</em> key is one whose object the wrapper hides from reads.
 */
package dev.holdfast.storage.testing;
