package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.repository.Entry;
import dev.holdfast.repository.EntryType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsAndFormatTest {

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1536, 1.5 KiB",
        "16777216, 16.0 MiB", "1610612736, 1.5 GiB"})
    void bytes_useBinaryUnits(long bytes, String text) {
        assertThat(Units.bytes(bytes)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({"0, 0:00", "59, 0:59", "61, 1:01", "3600, 1:00:00", "3725, 1:02:05"})
    void duration_usesClockFormat(long seconds, String text) {
        assertThat(Units.duration(Duration.ofSeconds(seconds))).isEqualTo(text);
    }

    @Test
    void progressLine_showsTotalsRateAndEta() {
        ProgressLine.Counts counts = new ProgressLine.Counts(120, 100L << 20, 3000, 400L << 20);

        String line = ProgressLine.render(counts, Duration.ofSeconds(10));

        assertThat(line).isEqualTo("[0:10] 120 / 3000 files, 100.0 MiB / 400.0 MiB, "
                + "10.0 MiB/s, ETA 0:30");
    }

    @Test
    void progressLine_withUnknownTotals_showsNoEta() {
        ProgressLine.Counts counts = new ProgressLine.Counts(7, 2048, -1, -1);

        String line = ProgressLine.render(counts, Duration.ofSeconds(2));

        assertThat(line).isEqualTo("[0:02] 7 files, 2.0 KiB, 1.0 KiB/s");
    }

    @ParameterizedTest(name = "{0} mode {1} -> {2}")
    @CsvSource({
        "DIRECTORY, 0755, drwxr-xr-x",
        "FILE, 0644, -rw-r--r--",
        "FILE, 04755, -rwsr-xr-x",
        "FILE, 02640, -rw-r-S---",
        "DIRECTORY, 01777, drwxrwxrwt",
        "DIRECTORY, 01770, drwxrwx--T",
        "SYMLINK, 0777, lrwxrwxrwx",
        "FIFO, 0600, prw-------",
        "CHAR_DEVICE, 0666, crw-rw-rw-",
    })
    void permissions_readAsLsShowsThem(EntryType type, String octal, String text) {
        Entry entry = entry(type, Integer.parseInt(octal, 8), null);

        assertThat(EntryFormat.permissions(entry)).isEqualTo(text);
    }

    @Test
    void longLine_showsAllColumns() {
        Entry entry = entry(EntryType.SYMLINK, 0777, new byte[] {'t', (byte) 0xe9});

        String line = EntryFormat.longLine(entry, ZoneOffset.UTC);

        assertThat(line).isEqualTo("lrwxrwxrwx alice    1001                5 "
                + "2025-01-02 03:04:05 /dir/name -> t\\xe9");
    }

    private static Entry entry(EntryType type, int mode, byte[] target) {
        return new Entry("/dir/name".getBytes(java.nio.charset.StandardCharsets.UTF_8), type,
                mode, 5, Instant.parse("2025-01-02T03:04:05Z"), 1000, 1001, "alice", null,
                target, 1);
    }
}
