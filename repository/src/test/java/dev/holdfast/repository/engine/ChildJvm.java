package dev.holdfast.repository.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link EngineChild} in a separate JVM with the test class path. */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Returns a process builder for {@code EngineChild} with the arguments; standard output and
     * error go to {@code output}.
     */
    static ProcessBuilder engineChild(Path output, String... arguments) {
        return engineChild(output, List.of(), arguments);
    }

    /** Returns a process builder as above whose JVM also gets {@code jvmOptions}. */
    static ProcessBuilder engineChild(Path output, List<String> jvmOptions, String... arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, EngineChild.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
    }

    static String output(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output) : "(no output)";
    }
}
