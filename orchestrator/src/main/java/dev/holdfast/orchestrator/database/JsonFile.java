package dev.holdfast.orchestrator.database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strict reading and writing of the JSON files of a database backup. A reader names the
 * file and the field in every error, so that a damaged file is reported, not half-read.
 */
final class JsonFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String file;

    JsonFile(String file) {
        this.file = file;
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(ObjectNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Parses {@code json} and returns its top-level object. */
    JsonNode parse(byte[] json) throws DatabaseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw malformed("cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw malformed("does not contain a JSON object");
        }
        return root;
    }

    /** Checks that {@code node}'s "format" is {@code expected}. */
    void requireFormat(JsonNode node, int expected) throws DatabaseException {
        long format = number(node, "format");
        if (format != expected) {
            throw malformed("has format " + format + ", but this version of Holdfast reads "
                    + "format " + expected + ": use a Holdfast release that reads it");
        }
    }

    String text(JsonNode node, String field) throws DatabaseException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed("has no text field \"" + field + "\"");
        }
        return value.textValue();
    }

    Optional<String> optionalText(JsonNode node, String field) throws DatabaseException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(text(node, field));
    }

    long number(JsonNode node, String field) throws DatabaseException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed("has no whole-number field \"" + field + "\"");
        }
        return value.longValue();
    }

    boolean bool(JsonNode node, String field) throws DatabaseException {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw malformed("has no true/false field \"" + field + "\"");
        }
        return value.booleanValue();
    }

    List<JsonNode> objects(JsonNode node, String field) throws DatabaseException {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw malformed("has no array field \"" + field + "\"");
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw malformed("has an element of \"" + field + "\" that is not an object");
            }
            items.add(item);
        }
        return items;
    }

    List<String> texts(JsonNode node, String field) throws DatabaseException {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw malformed("has no array field \"" + field + "\"");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw malformed("has an element of \"" + field + "\" that is not text");
            }
            items.add(item.textValue());
        }
        return items;
    }

    DatabaseException malformed(String problem) {
        return new DatabaseException(file + " " + problem + ": the file is damaged or was not "
                + "written by Holdfast");
    }
}
