package dev.holdfast.orchestrator.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.holdfast.storage.filesystem.IoFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a Holdfast YAML configuration file. Jackson binds the file into records and rejects
 * unknown keys, duplicate keys and values of the wrong type. {@link ConfigValidator} then
 * checks what binding cannot. Every error names the file, line and column and the expected
 * form.
 */
public final class ConfigLoader {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addModule(new SimpleModule()
                    .addDeserializer(ByteSize.class, new SizeDeserializer())
                    .addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    /** Keys that would hold a credential itself; the message points to the -env and -file keys. */
    private static final Set<String> LITERAL_CREDENTIALS = Set.of("access-key", "secret-key",
            "password");
    /** The number in Jackson's "Numeric value (N) out of range" message. */
    private static final Pattern NUMBER_IN_MESSAGE = Pattern.compile("\\(([-+0-9.eE]+)\\)");

    private ConfigLoader() {
    }

    /**
     * Reads, binds and validates {@code file}. Relative paths in it resolve against its folder.
     */
    public static HoldfastConfig load(Path file) throws ConfigException {
        byte[] document = read(file);
        LocationIndex index;
        try {
            index = LocationIndex.of(MAPPER.getFactory(), document);
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new ConfigException("cannot parse configuration file \"" + file + "\": "
                    + e.getMessage(), e);
        }
        if (index.isEmpty()) {
            throw ConfigException.at(file, null, "the file is empty: expected a mapping with the "
                    + "keys repository, providers and sources");
        }
        return new ConfigValidator(file, index).validate(bind(file, document, index));
    }

    private static byte[] read(Path file) throws ConfigException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file \"" + file + "\" not found", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file \"" + file + "\": "
                    + IoFailures.reason(e), e);
        }
    }

    private static ConfigDocument bind(Path file, byte[] document, LocationIndex index)
            throws ConfigException {
        try {
            return MAPPER.readValue(document, ConfigDocument.class);
        } catch (JsonMappingException e) {
            throw bindingError(file, index, e);
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new ConfigException("cannot parse configuration file \"" + file + "\": "
                    + e.getMessage(), e);
        }
    }

    private static ConfigException syntaxError(Path file, JsonProcessingException e) {
        String detail = Objects.requireNonNullElse(e.getOriginalMessage(), "").lines()
                .findFirst().orElse("").strip();
        if (detail.startsWith("Duplicate field '")) {
            String key = detail.substring("Duplicate field '".length(), detail.length() - 1);
            return ConfigException.at(file, e.getLocation(),
                    "duplicate key \"" + key + "\": expected each key once in a mapping");
        }
        if (e.getCause() instanceof MarkedYAMLException marked
                && marked.getProblemMark() != null) {
            return yamlError(file, marked);
        }
        return ConfigException.at(file, e.getLocation(), "invalid YAML: " + detail);
    }

    /** Reports where SnakeYAML found the problem rather than where Jackson stopped reading. */
    private static ConfigException yamlError(Path file, MarkedYAMLException e) {
        Mark problem = e.getProblemMark();
        String message = "invalid YAML: " + e.getProblem();
        if (e.getContext() != null && e.getContextMark() != null) {
            message += ", " + e.getContext() + " that starts at line "
                    + (e.getContextMark().getLine() + 1) + ", column "
                    + (e.getContextMark().getColumn() + 1);
        }
        JsonLocation at = new JsonLocation(ContentReference.unknown(), problem.getIndex(),
                problem.getLine() + 1, problem.getColumn() + 1);
        return ConfigException.at(file, at, message);
    }

    private static ConfigException bindingError(Path file, LocationIndex index,
            JsonMappingException e) {
        KeyPath path = KeyPath.of(e.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownKey(file, index, path, unknown);
        }
        JsonLocation at = Objects.requireNonNullElse(index.value(path), e.getLocation());
        if (e instanceof InvalidFormatException invalid) {
            String kind = invalid.getTargetType() == ByteSize.class ? "size"
                    : invalid.getTargetType() == Duration.class ? "duration" : "value";
            return ConfigException.at(file, at, "invalid " + kind + " \"" + invalid.getValue()
                    + "\" for " + path + ": " + expectedForm(invalid.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return ConfigException.at(file, at,
                    "wrong type for " + path + ": " + expectedForm(mismatch.getTargetType()));
        }
        if (e.getCause() instanceof InputCoercionException coercion) {
            // Jackson's own text names neither the key nor what to write instead.
            boolean isInt = coercion.getTargetType() == Integer.TYPE
                    || coercion.getTargetType() == Integer.class;
            Matcher value = NUMBER_IN_MESSAGE.matcher(Objects.requireNonNullElse(
                    coercion.getOriginalMessage(), ""));
            return ConfigException.at(file, at, "number " + (value.find() ? "\"" + value.group(1)
                    + "\" " : "") + "out of range for " + path + ": expected an integer up to "
                    + (isInt ? Integer.MAX_VALUE : Long.MAX_VALUE));
        }
        return ConfigException.at(file, e.getLocation(), e.getOriginalMessage());
    }

    private static ConfigException unknownKey(Path file, LocationIndex index, KeyPath path,
            UnrecognizedPropertyException e) {
        String name = e.getPropertyName();
        KeyPath keyPath = path.segments().isEmpty() || !name.equals(path.segments().getLast())
                ? path.key(name) : path;
        KeyPath parent = keyPath.parent();
        String where = parent.isRoot() ? "at the top level" : "in " + parent;
        if (LITERAL_CREDENTIALS.contains(name)) {
            // The message leaves the value out: it may be a secret.
            return ConfigException.at(file, index.key(keyPath), "key \"" + name + "\" " + where
                    + " is not accepted, because a credential is never written in the "
                    + "configuration file: name an environment variable in " + name
                    + "-env or a file in " + name + "-file");
        }
        List<String> known = knownKeys(e.getKnownPropertyIds());
        return ConfigException.at(file, index.key(keyPath), "unknown key \"" + name + "\" "
                + where + ": expected one of " + String.join(", ", known));
    }

    private static List<String> knownKeys(Collection<Object> ids) {
        return ids == null ? List.of() : ids.stream().map(Object::toString).sorted().toList();
    }

    private static String expectedForm(Class<?> type) {
        if (type == ByteSize.class) {
            return ByteSize.EXPECTED;
        } else if (type == Duration.class) {
            return Durations.EXPECTED;
        } else if (type == ConfigDocument.class) {
            return "expected a mapping with the keys repository, providers and sources";
        } else if (type == Integer.class || type == int.class || type == Long.class) {
            return "expected an integer";
        } else if (type == String.class) {
            return "expected a text value";
        } else if (Collection.class.isAssignableFrom(type)) {
            return "expected a list, such as [a, b]";
        }
        return "expected a mapping of keys to values";
    }

    /** Binds a duration from a string such as 10s. */
    private static final class DurationDeserializer extends StdDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            if (parser.currentToken().isStructStart()) {
                throw MismatchedInputException.from(parser, Duration.class, Durations.EXPECTED);
            }
            String text = parser.getText();
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(parser, e.getMessage(), text, Duration.class);
            }
        }
    }

    /** Binds a size from an integer (bytes) or a string such as 16MiB. */
    private static final class SizeDeserializer extends StdDeserializer<ByteSize> {
        SizeDeserializer() {
            super(ByteSize.class);
        }

        @Override
        public ByteSize deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            JsonToken token = parser.currentToken();
            if (token.isStructStart()) {
                throw MismatchedInputException.from(parser, ByteSize.class, ByteSize.EXPECTED);
            }
            String text = parser.getText();
            try {
                return ByteSize.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(parser, e.getMessage(), text, ByteSize.class);
            }
        }
    }
}
