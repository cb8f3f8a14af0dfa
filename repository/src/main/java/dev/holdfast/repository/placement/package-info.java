/**
 * Where copies of objects go and how they are read back. A provider's <em>facts</em> are its
 * operator, the country of its data and the legal regimes (jurisdictions) it answers to.
 * <em>Placement rules</em> say how many copies each object gets, which facts must differ
 * between the providers holding them, which jurisdictions are excluded, and the <em>write
 * quorum</em>: how many copies a write needs to succeed. A write that meets the quorum but not
 * the full copy count is <em>under-replicated</em>. The <em>targets</em> are the providers that
 * placement assigns every object to, and a <em>repair</em> writes each missing or damaged copy
 * on a target again from a sound copy. A <em>placement check</em> compares the providers that
 * list each object with the rules, and a <em>scrub</em> reads every copy on one provider alone.
 */
package dev.holdfast.repository.placement;
