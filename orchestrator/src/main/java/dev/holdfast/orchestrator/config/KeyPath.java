package dev.holdfast.orchestrator.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayList;
import java.util.List;

/**
 * The place of a value in the configuration tree, as a list of mapping keys and list indexes.
 * It prints as users read it ({@code providers[1].name}) and as a JSON pointer
 * ({@code /providers/1/name}) for looking up line and column in a {@link LocationIndex}.
 */
record KeyPath(List<Object> segments) {
    static final KeyPath ROOT = new KeyPath(List.of());

    KeyPath {
        segments = List.copyOf(segments);
    }

    /** Builds the path of a Jackson error from its reference chain. */
    static KeyPath of(List<JsonMappingException.Reference> references) {
        KeyPath path = ROOT;
        for (JsonMappingException.Reference reference : references) {
            path = reference.getFieldName() != null
                    ? path.key(reference.getFieldName())
                    : path.index(reference.getIndex());
        }
        return path;
    }

    KeyPath key(String name) {
        return append(name);
    }

    KeyPath index(int index) {
        return append(index);
    }

    KeyPath parent() {
        return segments.isEmpty() ? ROOT : new KeyPath(segments.subList(0, segments.size() - 1));
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    String pointer() {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            String text = segment.toString().replace("~", "~0").replace("/", "~1");
            out.append('/').append(text);
        }
        return out.toString();
    }

    /** Formats the path as users read it; the root reads "the top level". */
    @Override
    public String toString() {
        if (segments.isEmpty()) {
            return "the top level";
        }
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(segment);
            }
        }
        return out.toString();
    }

    private KeyPath append(Object segment) {
        List<Object> longer = new ArrayList<>(segments);
        longer.add(segment);
        return new KeyPath(longer);
    }
}
