package dev.holdfast.repository.chunker;

import java.util.ArrayList;
import java.util.List;

/**
 * The cut rule of the format specification, written for clarity rather than speed: the gear
 * hash of every candidate byte is summed afresh over its 64-byte window.
 */
final class ReferenceChunker {
    private final ChunkerParameters parameters;
    private final GearTable gear;

    ReferenceChunker(ChunkerParameters parameters, GearTable gear) {
        this.parameters = parameters;
        this.gear = gear;
    }

    /** Returns the lengths of the chunks of the whole input, in order. */
    List<Integer> lengths(byte[] data) {
        List<Integer> lengths = new ArrayList<>();
        for (int start = 0; start < data.length; ) {
            int length = chunkLength(data, start);
            lengths.add(length);
            start += length;
        }
        return lengths;
    }

    private int chunkLength(byte[] data, int start) {
        int remaining = data.length - start;
        int limit = Math.min(remaining, parameters.max());
        for (int length = parameters.min(); length < limit; length++) {
            if ((hash(data, start + length - 1) & mask(length)) == 0) {
                return length;
            }
        }
        return limit;
    }

    /** Returns the sum of gear[x[p - k]] << k over k = 0..63, modulo 2^64. */
    private long hash(byte[] data, int position) {
        long sum = 0;
        for (int k = 0; k < 64; k++) {
            sum += gear.value(data[position - k] & 0xFF) << k;
        }
        return sum;
    }

    private long mask(int length) {
        int bits = Integer.numberOfTrailingZeros(parameters.average());
        int min = parameters.min();
        int average = parameters.average();
        int maskBits = switch (parameters.rule()) {
            case WIDE -> length <= average ? bits + 2 : bits - 2;
            case NARROW -> length <= min + (average - min) / 2 ? bits : bits - 1;
        };
        return -1L << (64 - maskBits);
    }
}
