import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the benchmark's data set into a running influxd through its HTTP API: SERIES series of measurement
 * {@code bench} (tags host, region, dc), each with four fields of the four writable types (a float of full 64-bit
 * precision, an integer, a boolean, a short string), one point every INTERVAL seconds, from 2024-01-01 over as
 * many steps as it takes to reach VALUES field values (points x fields, the unit influx_inspect export writes one
 * line for). Fixed seed: the same data every run. Run with the JDK's source launcher:
 * {@code java Generate.java http://127.0.0.1:8086 bench 10000000}.
 */
public class Generate {
    private static final int SERIES = 1000;
    private static final int FIELDS = 4;
    private static final long START = 1_704_067_200L;
    private static final long INTERVAL = 300;
    private static final int BATCH = 5000;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String db = args[1];
        long values = Long.parseLong(args[2]);
        long steps = (values + (long) SERIES * FIELDS - 1) / ((long) SERIES * FIELDS);
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> pending = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20240101L);
        StringBuilder batch = new StringBuilder(BATCH * 120);
        int lines = 0;
        long written = 0;
        for (long step = 0; step < steps; step++) {
            long ts = START + step * INTERVAL;
            for (int s = 0; s < SERIES; s++) {
                batch.append("bench,host=host-").append(s).append(",region=r").append(s % 7).append(",dc=dc")
                        .append(s % 3).append(" usage=").append(random.nextDouble() * 100).append(",count=")
                        .append(random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L)).append("i,ok=")
                        .append(random.nextInt(10) != 0).append(",state=\"s").append(random.nextInt(20))
                        .append("\" ").append(ts).append('\n');
                written += FIELDS;
                if (++lines == BATCH) {
                    pending.add(post(pool, http, url, db, batch.toString()));
                    batch.setLength(0);
                    lines = 0;
                    if (pending.size() >= 8) {
                        pending.remove(0).get();
                    }
                }
            }
        }
        if (lines > 0) {
            pending.add(post(pool, http, url, db, batch.toString()));
        }
        for (Future<?> f : pending) {
            f.get();
        }
        pool.shutdown();
        System.out.println(written);
    }

    private static Future<?> post(ExecutorService pool, HttpClient http, String url, String db, String body) {
        return pool.submit(() -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/write?db=" + db + "&precision=s"))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("write answered " + response.statusCode() + ": " + response.body());
            }
            return null;
        });
    }
}
