package dev.holdfast.restoretester.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * Reads and writes {@link RestoreTestReport}s as JSON: snake_case keys, times as ISO-8601
 * instants in UTC, enums by their labels. Keys that a newer version added are ignored, but a
 * newer {@code format} is rejected, because its meaning may have changed.
 */
public final class ReportJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReportJson() {
    }

    /** Returns the report as one line of JSON. */
    public static String write(RestoreTestReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            // Every part of the model is a record of strings, numbers, instants and lists.
            throw new IllegalStateException("cannot write restore test report as JSON", e);
        }
    }

    /** Returns the report as indented JSON, for a file that people may read. */
    public static String writePretty(RestoreTestReport report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write restore test report as JSON", e);
        }
    }

    /**
     * Reads a report.
     *
     * @throws IOException if the text is not a report, or one of a newer format
     */
    public static RestoreTestReport read(String json) throws IOException {
        JsonNode tree = MAPPER.readTree(json);
        if (tree == null || !tree.isObject()) {
            throw new IOException("restore test report is not a JSON object");
        }
        int format = tree.path("format").asInt(0);
        if (format < 1 || format > RestoreTestReport.FORMAT) {
            throw new IOException("restore test report has format " + format + ", but this"
                    + " version reads format " + RestoreTestReport.FORMAT + " only; read it"
                    + " with the version of holdfast that wrote it");
        }
        return MAPPER.treeToValue(tree, RestoreTestReport.class);
    }

    /** Returns the mapper, for callers that embed reports in JSON of their own. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
