/**
 * Content-defined chunking: cutting a byte stream into chunks at positions chosen by the
 * content, so that an edit moves only the boundaries near it and unchanged data still
 * deduplicates.
 *
 * <p>A <em>chunk</em> is a run of consecutive bytes of one stream, between {@code min} and
 * {@code max} bytes long except the last. The <em>gear table</em> contains 256 secret 64-bit
 * values derived from the repository's chunker seed, and the <em>gear hash</em> over the 64
 * bytes ending at a position decides whether a chunk may end there (FastCDC with normalized
 * chunking). {@link dev.holdfast.repository.chunker.ChunkStream} cuts a stream with bounded
 * memory, and {@link dev.holdfast.repository.chunker.Chunker} cuts a byte array.
 */
package dev.holdfast.repository.chunker;
