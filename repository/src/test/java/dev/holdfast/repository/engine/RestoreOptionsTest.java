package dev.holdfast.repository.engine;

import static dev.holdfast.repository.engine.TestRepositories.backup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.Progress;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.RestoreRequest;
import dev.holdfast.repository.RestoreSummary;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores of selected paths, into folders that are not empty, with and without overwrite. */
class RestoreOptionsTest {
    @TempDir
    Path temp;

    private Repository repository;
    private String snapshotId;

    @BeforeEach
    void backUp() throws Exception {
        Path source = temp.resolve("src");
        Files.createDirectories(source.resolve("a/x/deeper"));
        Files.createDirectories(source.resolve("a/y"));
        Files.createDirectories(source.resolve("b"));
        Files.createDirectories(source.resolve("ab"));
        Files.writeString(source.resolve("a/x/one"), "one");
        Files.writeString(source.resolve("a/x/deeper/two"), "two");
        Files.writeString(source.resolve("a/y/three"), "three");
        Files.writeString(source.resolve("a/four"), "four");
        Files.writeString(source.resolve("b/five"), "five");
        Files.writeString(source.resolve("ab/six"), "six");
        Files.writeString(source.resolve("seven"), "seven");
        repository = TestRepositories.create(temp.resolve("repo"), TestRepositories.SMALL_CHUNKS);
        snapshotId = backup(repository, source).snapshotId();
    }

    @AfterEach
    void close() {
        repository.close();
    }

    @Test
    void includes_restoreSelectedSubtrees() throws Exception {
        Path target = temp.resolve("restore");

        RestoreSummary restored = restore(target, List.of("/src/a/x", "/src/b/five/"), false);

        assertThat(restored.failed()).isEmpty();
        assertThat(restored.files()).isEqualTo(3);
        assertThat(paths(target)).containsExactly("src", "src/a", "src/a/x", "src/a/x/deeper",
                "src/a/x/deeper/two", "src/a/x/one", "src/b", "src/b/five");
    }

    @Test
    void missingInclude_rejectedBeforeWriting() {
        Path target = temp.resolve("restore");

        assertThatThrownBy(() -> restore(target, List.of("/src/a/x", "/src/nothing"), false))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("path \"/src/nothing\" is not in snapshot")
                .hasMessageContaining("holdfast ls " + snapshotId)
                .extracting(e -> ((RepositoryException) e).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(target).doesNotExist();
    }

    @Test
    void targetBelowAFile_namesTheReason() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "in the way");

        assertThatThrownBy(() -> restore(file.resolve("restore"), List.of(), false))
                .isInstanceOf(RepositoryException.class)
                .hasMessage("target folder \"" + file.resolve("restore") + "\" cannot be used: "
                        + "a part of the path is not a folder");
    }

    @Test
    void nonEmptyTarget_rejectedWithoutOverwrite() throws Exception {
        Path target = Files.createDirectories(temp.resolve("restore/src"));
        Files.writeString(target.resolve("seven"), "kept");

        assertThatThrownBy(() -> restore(temp.resolve("restore"), List.of(), false))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("is not empty")
                .hasMessageContaining("--overwrite");
        assertThat(target.resolve("seven")).hasContent("kept");
        assertThat(paths(temp.resolve("restore"))).containsExactly("src", "src/seven");
    }

    @Test
    void overwrite_replacesFilesAndLinks() throws Exception {
        Path target = Files.createDirectories(temp.resolve("restore/src/a"));
        Path outside = Files.writeString(temp.resolve("outside"), "must not change");
        Files.writeString(target.resolve("four"), "an older, longer version");
        Files.createSymbolicLink(target.getParent().resolve("seven"), outside);
        Files.writeString(target.resolve("extra"), "not in the snapshot");

        RestoreSummary restored = restore(temp.resolve("restore"), List.of(), true);

        assertThat(restored.failed()).isEmpty();
        assertThat(target.resolve("four")).hasContent("four");
        Path seven = target.getParent().resolve("seven");
        assertThat(Files.isSymbolicLink(seven)).isFalse();
        assertThat(seven).hasContent("seven");
        assertThat(outside).hasContent("must not change");
        assertThat(target.resolve("extra")).hasContent("not in the snapshot");
    }

    private RestoreSummary restore(Path target, List<String> includes, boolean overwrite)
            throws RepositoryException {
        List<byte[]> raw = includes.stream().map(TestRepositories::bytes).toList();
        return repository.restore(new RestoreRequest(snapshotId, target, raw, overwrite, true),
                Progress.NONE);
    }

    /** Lists every entry below the folder, relative, sorted, without following links. */
    private static List<String> paths(Path folder) throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(path -> !path.equals(folder))
                    .filter(path -> Files.exists(path, LinkOption.NOFOLLOW_LINKS))
                    .map(path -> folder.relativize(path).toString()).sorted().toList();
        }
    }
}
