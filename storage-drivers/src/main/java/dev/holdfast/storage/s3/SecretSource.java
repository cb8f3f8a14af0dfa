package dev.holdfast.storage.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The source of a credential: an environment variable or a file. The configuration names the
 * variable or the file, never the value, so that a configuration file can be shared and logged
 * without exposing a secret.
 */
public sealed interface SecretSource {
    /**
     * Reads the value.
     *
     * @param environment the environment variables of the process
     * @throws IOException with a message that names the variable or file, never the value
     */
    String read(Map<String, String> environment) throws IOException;

    /** Describes the source for messages, such as {@code environment variable S3_SECRET}. */
    String describe();

    /** Returns a source that reads the environment variable {@code name}. */
    static SecretSource variable(String name) {
        return new Variable(name);
    }

    /** Returns a source that reads the first line of {@code file}. */
    static SecretSource file(Path file) {
        return new File(file);
    }

    /** The value of an environment variable, without surrounding white space. */
    record Variable(String name) implements SecretSource {
        public Variable {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String read(Map<String, String> environment) throws IOException {
            String value = environment.get(name);
            if (value == null) {
                throw new IOException(describe() + " is not set");
            }
            if (value.isBlank()) {
                throw new IOException(describe() + " is empty");
            }
            return value.strip();
        }

        @Override
        public String describe() {
            return "environment variable " + name;
        }
    }

    /**
     * The first line of a file, without its line ending and surrounding white space. Secrets
     * contain no white space, and editors add a final line break.
     */
    record File(Path path) implements SecretSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String read(Map<String, String> environment) throws IOException {
            String content;
            try {
                content = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                // The JDK's messages name the file but not the reason in words.
                throw new IOException(describe() + " cannot be read: " + reason(e), e);
            }
            String line = content.lines().findFirst().orElse("").strip();
            if (line.isEmpty()) {
                throw new IOException(describe() + " is empty");
            }
            return line;
        }

        @Override
        public String describe() {
            return "file \"" + path + "\"";
        }

        private static String reason(IOException e) {
            return switch (e) {
                case java.nio.file.NoSuchFileException missing -> "no such file";
                case java.nio.file.AccessDeniedException denied -> "permission denied";
                case java.nio.charset.CharacterCodingException coding -> "not UTF-8 text";
                default -> "input/output error";
            };
        }
    }
}
