package io.dbrecover.influx.http;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A small client for InfluxDB 1.x's HTTP API ({@code /ping}, {@code /query}, {@code /write}) on a throwaway server.
 * Query results are streamed ({@code chunked=true}) with nanosecond epoch timestamps, so that any result size reads
 * in bounded memory and timestamps stay exact.
 */
public final class InfluxHttp {
    /** Rows per chunk of a streamed query result. */
    static final int CHUNK_SIZE = 10_000;

    private final URI base;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final String authorization;

    /** Timestamp precision of written points. */
    public enum Precision {
        NANOSECONDS("ns"), MICROSECONDS("u"), MILLISECONDS("ms"), SECONDS("s");

        private final String parameter;

        Precision(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * What {@code /ping} answered.
     *
     * @param status  the HTTP status (204 when the server is up)
     * @param version the {@code X-Influxdb-Version} header, or {@code null}
     */
    public record Ping(int status, String version) {
        public boolean ok() {
            return status == 204;
        }
    }

    /**
     * A client without credentials for the server at {@code baseUrl} (e.g. {@code http://127.0.0.1:8086}), 5 minutes
     * per request.
     */
    public InfluxHttp(String baseUrl) {
        this(URI.create(baseUrl), Duration.ofMinutes(5), null, null);
    }

    /**
     * A client that logs in with HTTP basic authentication (in a header: credentials never go into a URL, which
     * servers and messages show).
     *
     * @param user     the user, or {@code null} for none
     * @param password the password
     */
    public InfluxHttp(URI base, Duration requestTimeout, String user, String password) {
        this.base = Objects.requireNonNull(base, "base");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + Objects.requireNonNull(password, "password")).getBytes(StandardCharsets.UTF_8));
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The server's base URL. */
    public URI base() {
        return base;
    }

    /** {@code GET /ping}; throws when the server cannot be reached at all (for readiness probes). */
    public Ping ping(Duration timeout) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/ping")).timeout(timeout).GET().build();
        HttpResponse<Void> resp = client.send(req, HttpResponse.BodyHandlers.discarding());
        return new Ping(resp.statusCode(), resp.headers().firstValue("X-Influxdb-Version").orElse(null));
    }

    /** Creates a database (nothing happens when it exists). */
    public void createDatabase(String database) {
        query(null, "CREATE DATABASE " + InfluxQl.identifier(database));
    }

    /**
     * Writes points in line protocol ({@code POST /write}); the server answers 204 when every point was stored.
     *
     * @param lines one point per element
     */
    public void write(String database, Precision precision, List<String> lines) {
        write(database, null, precision, lines);
    }

    /**
     * Writes points in line protocol into a retention policy ({@code POST /write?rp=}); the server answers 204 when
     * every point was stored.
     *
     * @param retentionPolicy the retention policy, or {@code null} for the database's default one
     * @param lines           one point per element
     */
    public void write(String database, String retentionPolicy, Precision precision, List<String> lines) {
        write(database, retentionPolicy, precision, String.join("\n", lines).getBytes(StandardCharsets.UTF_8),
                lines.size());
    }

    /**
     * Writes a body of line protocol as it is (UTF-8 bytes, one point per line), e.g. from a byte-level writer.
     *
     * @param retentionPolicy the retention policy, or {@code null} for the database's default one
     * @param lines           the number of lines in {@code body}, for messages
     */
    public void write(String database, String retentionPolicy, Precision precision, byte[] body, long lines) {
        URI uri = base.resolve("/write?db=" + encode(database) + (retentionPolicy == null ? ""
                : "&rp=" + encode(retentionPolicy)) + "&precision=" + precision.parameter());
        HttpRequest req = authorized(HttpRequest.newBuilder(uri)).timeout(requestTimeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> resp = send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
                "write " + lines + " points into " + database);
        if (resp.statusCode() != 204) {
            throw failure("write " + lines + " points into " + database, "HTTP " + resp.statusCode() + ": "
                    + abbreviate(resp.body()), null);
        }
    }

    /**
     * Runs a query and streams its rows to the visitor.
     *
     * @param database the database, or {@code null} for statements that name none
     */
    public void query(String database, String statement, SeriesVisitor visitor) {
        HttpResponse<InputStream> resp = send(queryRequest(database, statement),
                HttpResponse.BodyHandlers.ofInputStream(), "`" + statement + "`");
        try (InputStream in = resp.body()) {
            if (resp.statusCode() / 100 != 2) {
                String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                throw failure("`" + statement + "`", "HTTP " + resp.statusCode() + ": " + abbreviate(text), null);
            }
            InfluxResponseReader.read(in, visitor);
        } catch (InfluxResponseReader.ServerError e) {
            throw failure("`" + statement + "`", e.getMessage(), e);
        } catch (IOException e) {
            throw failure("`" + statement + "`", "reading the answer failed: " + e.getMessage(), e);
        }
    }

    /** Runs a query whose result is small and returns it whole. */
    public List<Series> query(String database, String statement) {
        HttpResponse<InputStream> resp = send(queryRequest(database, statement),
                HttpResponse.BodyHandlers.ofInputStream(), "`" + statement + "`");
        try (InputStream in = resp.body()) {
            if (resp.statusCode() / 100 != 2) {
                String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                throw failure("`" + statement + "`", "HTTP " + resp.statusCode() + ": " + abbreviate(text), null);
            }
            return InfluxResponseReader.readAll(in);
        } catch (InfluxResponseReader.ServerError e) {
            throw failure("`" + statement + "`", e.getMessage(), e);
        } catch (IOException e) {
            throw failure("`" + statement + "`", "reading the answer failed: " + e.getMessage(), e);
        }
    }

    /** The single number a statement such as {@code SELECT COUNT(x)} returns, or empty when it returns no row. */
    public Optional<Long> singleNumber(String database, String statement, String column) {
        for (Series s : query(database, statement)) {
            int c = s.column(column);
            if (c >= 0 && !s.values().isEmpty() && s.values().get(0).get(c) instanceof Number n) {
                return Optional.of(n.longValue());
            }
        }
        return Optional.empty();
    }

    private HttpRequest queryRequest(String database, String statement) {
        StringBuilder form = new StringBuilder("q=").append(encode(statement)).append("&epoch=ns&chunked=true")
                .append("&chunk_size=").append(CHUNK_SIZE);
        if (database != null) {
            form.append("&db=").append(encode(database));
        }
        // POST: InfluxDB 1.x refuses statements that change anything (CREATE, DROP) over GET
        return authorized(HttpRequest.newBuilder(base.resolve("/query"))).timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler, String what) {
        try {
            return client.send(req, handler);
        } catch (IOException e) {
            throw failure(what, "no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, "interrupted", e);
        }
    }

    private RecoveryException failure(String what, String detail, Throwable cause) {
        return RecoveryException.of(ErrorCode.PROCESS_FAILED,
                        "InfluxDB at " + base + " failed " + what + ": " + detail)
                .hint("the server's log (debug level, logger dbrecover.process.influxd) says more").cause(cause)
                .build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        if (t.isEmpty()) {
            return "(no body)";
        }
        return t.length() > 500 ? t.substring(0, 500) + "…" : t;
    }
}
