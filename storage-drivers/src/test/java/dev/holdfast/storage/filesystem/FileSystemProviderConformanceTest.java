package dev.holdfast.storage.filesystem;

import dev.holdfast.storage.Provider;
import dev.holdfast.storage.ProviderConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSystemProviderConformanceTest extends ProviderConformanceTest {
    @TempDir
    Path root;

    @Override
    protected Provider createProvider() throws Exception {
        return FileSystemProvider.open("local", root);
    }
}
