package dev.holdfast.repository.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The three forms of exclude pattern, matched against entries of real source paths. */
class ExcludesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("/srv/data", "/srv/data/cache", "/data/cache", true),
                arguments("/srv/data", "/srv/data/cache/**", "/data/cache/x/y", true),
                arguments("/srv/data", "/srv/data/cache/**", "/data/other/x", false),
                arguments("/srv/data", "/data/cache", "/data/cache", false),
                arguments("/srv/data", "data/cache", "/data/cache", true),
                arguments("/srv/data", "cache", "/data/x/cache", true),
                arguments("/srv/same", "same/a", "/same/a", true),
                arguments("/srv/same", "**/same/a", "/same/a", true),
                arguments("/srv/data", "**/same/a", "/data/x/same/a", true),
                arguments("/srv/data", "srv/data/cache", "/data/cache", false),
                arguments("/srv/data", "*.tmp", "/data/x/a.tmp", true),
                arguments("/srv/data", "x", "/data/x/a.tmp", false),
                arguments("/data", "/data/cache", "/data/cache", true));
    }

    @ParameterizedTest(name = "{1} on {2} of source {0}")
    @MethodSource("cases")
    void pattern_matchesItsForm(String source, String pattern, String path, boolean excluded)
            throws Exception {
        Excludes excludes = new Excludes(List.of(pattern),
                Archiver.sources(List.of(Path.of(source))));
        byte[] raw = path.getBytes(StandardCharsets.UTF_8);
        byte[] name = Path.of(path).getFileName().toString().getBytes(StandardCharsets.UTF_8);

        assertThat(excludes.matches(raw, name)).isEqualTo(excluded);
    }

    @Test
    void invalidGlob_problemSaysWhatIsWrong() {
        assertThat(Excludes.problem("[")).hasValue(
                "a '[' has no closing ']' (write \\[ to match a '[' itself)");
        assertThat(Excludes.problem("a{b")).hasValue(
                "a '{' has no closing '}' (write \\{ to match a '{' itself)");
        assertThat(Excludes.problem("[a/b]")).get().asString().contains("'/' is inside brackets");
    }

    @Test
    void validGlob_hasNoProblem() {
        assertThat(Excludes.problem("/srv/**/cache/*.tmp")).isEmpty();
        assertThat(Excludes.problem("*.{tmp,bak}")).isEmpty();
    }
}
