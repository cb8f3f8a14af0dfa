package dev.holdfast.storage.filesystem;

import dev.holdfast.storage.Provider;
import dev.holdfast.storage.ProviderConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the conformance suite over the rename fallback for file systems without hard links. */
class FileSystemProviderWithoutHardLinksConformanceTest extends ProviderConformanceTest {
    @TempDir
    Path root;

    @Override
    protected Provider createProvider() throws Exception {
        return FileSystemProvider.open("no-links", root, false);
    }
}
