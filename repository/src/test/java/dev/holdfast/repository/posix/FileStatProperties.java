package dev.holdfast.repository.posix;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class FileStatProperties {
    @Property
    void deviceNumberRoundTrips(@ForAll int major, @ForAll int minor) {
        long device = FileStat.makeDevice(major, minor);

        assertThat(FileStat.major(device)).isEqualTo(major);
        assertThat(FileStat.minor(device)).isEqualTo(minor);
    }

    @Property
    void smallDeviceNumbersUseLegacyLayout(@ForAll @IntRange(max = 0xfff) int major,
            @ForAll @IntRange(max = 0xff) int minor) {
        assertThat(FileStat.makeDevice(major, minor)).isEqualTo((long) major << 8 | minor);
    }
}
