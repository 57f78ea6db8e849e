package io.dbrecover.core.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;

/** The JSON conventions of dbrecover's reports, inventories and journals (ISO-8601 times, stable field order). */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** The shared mapper; it is thread-safe and must not be reconfigured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(Path file, TypeReference<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    public static <T> T read(String json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    /**
     * Pretty JSON and a final newline, as UTF-8: what reports, inventories and journals hold. Write it with
     * {@link io.dbrecover.core.workspace.OutputFiles#write(Path, byte[])}.
     */
    public static byte[] bytes(Object value) {
        return (pretty(value) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
