package io.dbrecover.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.dbrecover.core.report.Json;
import java.nio.file.Path;

/**
 * JSON of the influx commands' records with paths as the paths they are ({@code /var/lib/influxdb/data}), where
 * Jackson's default writes a {@code file://} URI with percent escapes.
 */
final class InfluxJson {
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .registerModule(new SimpleModule().addSerializer(Path.class, new ToStringSerializer(Path.class)))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private InfluxJson() {
    }

    static String pretty(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
