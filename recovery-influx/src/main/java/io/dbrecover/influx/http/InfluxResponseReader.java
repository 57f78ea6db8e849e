package io.dbrecover.influx.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON answers of InfluxDB 1.x's {@code /query}, including chunked ones (one JSON object per chunk), and
 * hands every row to a {@link SeriesVisitor} as it is parsed: memory does not grow with the result.
 *
 * <p>Numbers keep their JSON type: integral numbers become {@link Long} (so nanosecond timestamps stay exact, unlike
 * in clients that read every number as a double), others {@link Double}.
 */
public final class InfluxResponseReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private InfluxResponseReader() {
    }

    /** The server answered with an error (for the whole request or for one statement). */
    public static final class ServerError extends IOException {
        private static final long serialVersionUID = 1L;

        ServerError(String message) {
            super(message);
        }
    }

    /**
     * Reads every chunk of a response.
     *
     * @throws ServerError when the response or one of its statements carries an error
     * @throws IOException when the response is not the JSON InfluxDB writes
     */
    public static void read(InputStream in, SeriesVisitor visitor) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                expect(p, t, JsonToken.START_OBJECT);
                readRoot(p, visitor);
            }
        } catch (JsonParseException e) {
            throw new IOException("not an InfluxDB query response: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a whole (small) response into memory, joining the chunks of each series. */
    public static List<Series> readAll(InputStream in) throws IOException {
        List<Series> out = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        int[] statement = {-1};
        SeriesHeader[] header = {null};
        read(in, (stmt, h, values) -> {
            if (stmt != statement[0] || !h.equals(header[0])) {
                if (header[0] != null) {
                    out.add(new Series(statement[0], header[0], rows));
                    rows.clear();
                }
                statement[0] = stmt;
                header[0] = h;
            }
            rows.add(values);
        });
        if (header[0] != null) {
            out.add(new Series(statement[0], header[0], rows));
        }
        return out;
    }

    private static void readRoot(JsonParser p, SeriesVisitor visitor) throws IOException {
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "results" -> {
                    expect(p, v, JsonToken.START_ARRAY);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        expect(p, p.currentToken(), JsonToken.START_OBJECT);
                        readResult(p, visitor);
                    }
                }
                case "error" -> throw new ServerError(p.getValueAsString());
                default -> p.skipChildren();
            }
        }
    }

    private static void readResult(JsonParser p, SeriesVisitor visitor) throws IOException {
        int statementId = 0;
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "statement_id" -> statementId = p.getIntValue();
                case "series" -> {
                    expect(p, v, JsonToken.START_ARRAY);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        expect(p, p.currentToken(), JsonToken.START_OBJECT);
                        readSeries(p, statementId, visitor);
                    }
                }
                case "error" -> throw new ServerError("statement " + statementId + ": " + p.getValueAsString());
                default -> p.skipChildren();
            }
        }
    }

    private static void readSeries(JsonParser p, int statementId, SeriesVisitor visitor) throws IOException {
        String name = null;
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> columns = null;
        SeriesHeader header = null;
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "name" -> name = p.getValueAsString();
                case "tags" -> {
                    expect(p, v, JsonToken.START_OBJECT);
                    while (p.nextToken() != JsonToken.END_OBJECT) {
                        String k = p.currentName();
                        p.nextToken();
                        tags.put(k, p.getValueAsString());
                    }
                }
                case "columns" -> {
                    expect(p, v, JsonToken.START_ARRAY);
                    columns = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        columns.add(p.getValueAsString());
                    }
                }
                case "values" -> {
                    expect(p, v, JsonToken.START_ARRAY);
                    if (columns == null) {
                        // InfluxDB writes name, tags, columns, values in this order; rows cannot be framed otherwise
                        throw new IOException("query response has values before columns");
                    }
                    header = new SeriesHeader(name, tags, columns);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        expect(p, p.currentToken(), JsonToken.START_ARRAY);
                        List<Object> row = new ArrayList<>(columns.size());
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            row.add(value(p));
                        }
                        visitor.row(statementId, header, Collections.unmodifiableList(row));
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_STRING -> p.getText();
            // Go writes the float -0.0 as "-0": an integral number, but only a float can be negative zero
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                    : "-0".equals(p.getText()) ? (Object) (-0.0d) : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + t + " in a row of a query response");
        };
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("query response: expected " + expected + " but found " + actual + " at "
                    + p.currentLocation().offsetDescription());
        }
    }
}
