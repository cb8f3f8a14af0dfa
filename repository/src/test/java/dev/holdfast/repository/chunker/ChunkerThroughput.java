package dev.holdfast.repository.chunker;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Measures single-thread {@link Chunker#cut} throughput on random data, with the default
 * parameters unless three sizes are given. Not a test: run it by hand with the test classpath.
 *
 * <p>Usage, from the repository module after {@code mvn test-compile}: {@code java -cp
 * target/classes:target/test-classes dev.holdfast.repository.chunker.ChunkerThroughput
 * [mebibytes [rounds [min average max]]]}
 */
public final class ChunkerThroughput {
    /** Rounds left out of the median because the JIT has not compiled the loop yet. */
    private static final int WARM_UP_ROUNDS = 3;

    private ChunkerThroughput() {
    }

    public static void main(String[] args) {
        int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ChunkerParameters parameters = args.length > 4
                ? new ChunkerParameters(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]))
                : ChunkerParameters.DEFAULT;
        if (rounds <= WARM_UP_ROUNDS) {
            throw new IllegalArgumentException("Invalid rounds " + rounds
                    + ": use more than " + WARM_UP_ROUNDS + " so that some rounds are timed");
        }
        byte[] data = new byte[mebibytes << 20];
        new SplittableRandom(1).nextBytes(data);
        Chunker chunker = new Chunker(parameters, GearTable.derive(new byte[32]));

        System.out.printf("Java %s, %d MiB of random data, %s%n",
                Runtime.version(), mebibytes, parameters);
        double[] rates = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            rates[round] = measureRound(chunker, data, round);
        }
        double[] timed = Arrays.copyOfRange(rates, WARM_UP_ROUNDS, rounds);
        Arrays.sort(timed);
        System.out.printf("median of rounds %d to %d: %.0f MB/s (10^6 bytes per second)%n",
                WARM_UP_ROUNDS, rounds - 1, timed[timed.length / 2]);
    }

    /** Chunks all of {@code data} once, prints the round, and returns MB/s. */
    private static double measureRound(Chunker chunker, byte[] data, int round) {
        long begin = System.nanoTime();
        int chunks = 0;
        for (int offset = 0; offset < data.length; chunks++) {
            int remaining = data.length - offset;
            boolean last = remaining < chunker.parameters().max();
            offset += chunker.cut(data, offset, remaining, last);
        }
        double rate = data.length / 1e6 / ((System.nanoTime() - begin) / 1e9);
        System.out.printf("round %d: %d chunks, %.0f MB/s%n", round, chunks, rate);
        return rate;
    }
}
