package dev.holdfast.storage;

import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LoggingProviderConformanceTest extends ProviderConformanceTest {
    @TempDir
    Path root;

    @Override
    protected Provider createProvider() throws Exception {
        return new LoggingProvider(FileSystemProvider.open("local", root));
    }
}
