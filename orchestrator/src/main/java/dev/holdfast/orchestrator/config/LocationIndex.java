package dev.holdfast.orchestrator.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.TokenStreamFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Line and column of every key and value in a YAML document, by JSON pointer. Jackson binds
 * the document into records, which keep no positions. Checks that run after binding (duplicate
 * names, references between sections) look their positions up here.
 */
final class LocationIndex {
    private final Map<String, JsonLocation> keys = new HashMap<>();
    private final Map<String, JsonLocation> values = new HashMap<>();

    private LocationIndex() {
    }

    /** Reads the whole document once; a YAML syntax error surfaces as Jackson's exception. */
    static LocationIndex of(TokenStreamFactory factory, byte[] document) throws IOException {
        LocationIndex index = new LocationIndex();
        try (JsonParser parser = factory.createParser(document)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                index.record(parser, token);
            }
        }
        return index;
    }

    private void record(JsonParser parser, JsonToken token) {
        JsonStreamContext context = parser.getParsingContext();
        JsonLocation location = parser.currentTokenLocation();
        if (token == JsonToken.FIELD_NAME) {
            keys.putIfAbsent(context.pathAsPointer().toString(), location);
        } else if (token.isStructStart()) {
            // The parser has already entered the new mapping or list, so its own place is the
            // parent's current key or index.
            values.putIfAbsent(context.getParent().pathAsPointer().toString(), location);
        } else if (!token.isStructEnd()) {
            values.putIfAbsent(context.pathAsPointer().toString(), location);
        }
    }

    /** Returns where the value at {@code path} starts, or the nearest enclosing place known. */
    JsonLocation value(KeyPath path) {
        for (KeyPath at = path; ; at = at.parent()) {
            JsonLocation found = values.getOrDefault(at.pointer(), keys.get(at.pointer()));
            if (found != null || at.isRoot()) {
                return found;
            }
        }
    }

    /** Returns whether the document has no content at all, not even an empty mapping. */
    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Returns whether the document writes {@code path}, even as a key without a value. */
    boolean contains(KeyPath path) {
        return keys.containsKey(path.pointer()) || values.containsKey(path.pointer());
    }

    /** Returns where the key of {@code path} is written, falling back to its value. */
    JsonLocation key(KeyPath path) {
        JsonLocation found = keys.get(path.pointer());
        return found != null ? found : value(path);
    }
}
