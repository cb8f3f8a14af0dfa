package dev.holdfast.storage.testing;

import dev.holdfast.storage.Provider;
import dev.holdfast.storage.ProviderConformanceTest;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The wrapper without faults must behave exactly like the provider it wraps. */
class FaultInjectingProviderConformanceTest extends ProviderConformanceTest {
    @TempDir
    Path root;

    @Override
    protected Provider createProvider() throws Exception {
        return new FaultInjectingProvider(FileSystemProvider.open("local", root), 1);
    }
}
