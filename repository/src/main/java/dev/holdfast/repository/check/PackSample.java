package dev.holdfast.repository.check;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The set of packs that a data check downloads: all of them, a random share, or one slice of
 * a fixed partition. Slices serve scheduled scrubs: slice {@code n} of {@code m} is the set of
 * packs whose name, read as a number, leaves remainder {@code n - 1} when divided by
 * {@code m}. Pack names are hashes of the stored bytes, so the slices are close to equal in
 * size. Running slices 1 to {@code m} in turn reads every pack once, including packs written
 * in between.
 */
public sealed interface PackSample {
    /** Reads every pack. */
    PackSample ALL = new All();

    /** Returns the packs to read, from the names of the packs that exist. */
    List<String> select(Collection<String> packs);

    /** Says which packs the sample reads, for messages and figures. */
    String describe();

    /** Returns slice {@code n} of {@code m}. */
    static PackSample slice(int n, int m) {
        return new Slice(n, m);
    }

    /** Returns a random {@code percent} of the packs, at least one when any exists. */
    static PackSample share(double percent) {
        return new Share(percent, new SecureRandom());
    }

    /**
     * Parses {@code 5%}, {@code 0.5%} or {@code 3/20}.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    static PackSample parse(String text) {
        String value = text.strip();
        Matcher slice = Pattern.compile("(\\d{1,9})/(\\d{1,9})").matcher(value);
        if (slice.matches()) {
            return slice(Integer.parseInt(slice.group(1)), Integer.parseInt(slice.group(2)));
        }
        Matcher share = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,6})?)%").matcher(value);
        if (share.matches()) {
            return share(Double.parseDouble(share.group(1)));
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a pack sample: write a "
                + "share such as 5% or a slice such as 3/20");
    }

    /** The whole repository. */
    record All() implements PackSample {
        @Override
        public List<String> select(Collection<String> packs) {
            return List.copyOf(packs);
        }

        @Override
        public String describe() {
            return "all packs";
        }
    }

    /** Slice {@code n} of {@code m}, counted from 1. */
    record Slice(int n, int m) implements PackSample {
        public Slice {
            if (m < 1 || n < 1 || n > m) {
                throw new IllegalArgumentException("slice " + n + "/" + m + " does not exist: "
                        + "write n/m with 1 <= n <= m");
            }
        }

        @Override
        public List<String> select(Collection<String> packs) {
            List<String> chosen = new ArrayList<>();
            for (String pack : packs) {
                if (Long.remainderUnsigned(leadingNumber(pack), m) == n - 1) {
                    chosen.add(pack);
                }
            }
            return chosen;
        }

        @Override
        public String describe() {
            return "slice " + n + "/" + m;
        }

        /** Reads the first 16 hex digits of a pack name as an unsigned number. */
        private long leadingNumber(String pack) {
            String head = pack.length() > 16 ? pack.substring(0, 16) : pack;
            try {
                return HexFormat.fromHexDigitsToLong(head.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // A name that is not hex is damaged; checking it in every slice is harmless.
                return n - 1;
            }
        }
    }

    /** A random share of the packs. */
    record Share(double percent, Random random) implements PackSample {
        public Share {
            if (!(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException("a share of " + percent + "% of the packs "
                        + "is not a sample: write a share above 0% and at most 100%");
            }
        }

        @Override
        public List<String> select(Collection<String> packs) {
            if (packs.isEmpty()) {
                return List.of();
            }
            List<String> shuffled = new ArrayList<>(packs);
            Collections.shuffle(shuffled, random);
            int count = (int) Math.max(1, Math.ceil(packs.size() * percent / 100));
            return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
        }

        @Override
        public String describe() {
            String share = new BigDecimal(Double.toString(percent)).stripTrailingZeros()
                    .toPlainString();
            return share + "% of the packs, chosen at random";
        }
    }
}
