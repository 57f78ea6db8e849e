package io.dbrecover.influx.rebuild;

import io.dbrecover.influx.http.InfluxHttp;
import io.dbrecover.influx.http.InfluxQl;
import io.dbrecover.influx.http.SeriesHeader;
import io.dbrecover.influx.http.SeriesVisitor;
import io.dbrecover.influx.model.FieldType;
import io.dbrecover.influx.shard.FileValues;
import io.dbrecover.influx.shard.SeriesIdentity;
import io.dbrecover.influx.shard.ValueDigest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every value a server answers for a measurement of a retention policy, per series and field, as
 * {@link ValueDigest}s comparable with {@link FileValues}: streamed from {@code SELECT * FROM "rp"."m" GROUP BY *}
 * (each series on its own, in time order), each row's non-null field columns a value of its series field.
 *
 * <p>Numbers are read as influxd wrote them ({@link io.dbrecover.influx.http.InfluxResponseReader} keeps integral
 * JSON numbers as {@code Long}/{@code BigInteger}, others as {@code Double}): a float field whose value is integral
 * comes as {@code 5}, not {@code 5.0}, so the type of the field in the files decides: for a float field an integral
 * number is the double it denotes (Go prints floats shortest round-trip, so the nearest double is the value itself),
 * for an unsigned field a number up to 2<sup>64</sup>-1 its 64 bits, for an integer field the long. A value whose
 * JSON kind does not fit the type is digested as its own kind, so it differs.
 */
final class ServerValues {
    private ServerValues() {
    }

    /**
     * Adds every value of a measurement in a retention policy to {@code into}.
     *
     * @param typeOf the type of a series field in the files, or {@code null} when the files do not have it
     */
    static void collect(InfluxHttp http, String database, String retentionPolicy, String measurement,
                               Function<FileValues.Key, FieldType> typeOf, Map<FileValues.Key, ValueDigest> into) {
        String query = "SELECT * FROM " + InfluxQl.identifier(retentionPolicy) + "."
                + InfluxQl.identifier(measurement) + " GROUP BY * ORDER BY time ASC";
        http.query(database, query, new Visitor(database, retentionPolicy, typeOf, into));
    }

    private static final class Visitor implements SeriesVisitor {
        private final String database;
        private final String retentionPolicy;
        private final Function<FileValues.Key, FieldType> typeOf;
        private final Map<FileValues.Key, ValueDigest> into;
        private final Map<String, Target> targets = new HashMap<>();
        private SeriesHeader last;

        Visitor(String database, String retentionPolicy, Function<FileValues.Key, FieldType> typeOf,
                Map<FileValues.Key, ValueDigest> into) {
            this.database = database;
            this.retentionPolicy = retentionPolicy;
            this.typeOf = typeOf;
            this.into = into;
        }

        @Override
        public void row(int statementId, SeriesHeader header, List<Object> values) {
            if (!header.equals(last)) {
                last = header;
                targets.clear();
                String series = SeriesIdentity.of(header.name(), header.tags());
                for (int i = 1; i < header.columns().size(); i++) {
                    FileValues.Key key = new FileValues.Key(database, retentionPolicy, header.name(), series,
                            header.columns().get(i));
                    targets.put(key.field(), new Target(into.computeIfAbsent(key, k -> new ValueDigest()),
                            typeOf.apply(key)));
                }
            }
            if (values.isEmpty() || !(values.get(0) instanceof Long time)) {
                throw new IllegalStateException("a row without a nanosecond timestamp in " + header);
            }
            for (int i = 1; i < values.size() && i < header.columns().size(); i++) {
                Object v = values.get(i);
                if (v != null) {
                    Target t = targets.get(header.columns().get(i));
                    add(t.digest(), t.type(), time, v);
                }
            }
        }
    }

    private record Target(ValueDigest digest, FieldType type) {
    }

    /** Adds one value as the server sent it, read by the type the files give its field (see the class comment). */
    static void add(ValueDigest d, FieldType type, long time, Object v) {
        if (v instanceof String s) {
            d.add(time, FieldType.STRING, 0, s.getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Boolean b) {
            d.add(time, FieldType.BOOLEAN, b ? 1 : 0, null);
        } else if (v instanceof Double x) {
            d.add(time, FieldType.FLOAT, Double.doubleToRawLongBits(x), null);
        } else if (v instanceof Long l) {
            if (type == FieldType.FLOAT) {
                d.add(time, FieldType.FLOAT, Double.doubleToRawLongBits((double) l), null);
            } else {
                d.add(time, type == FieldType.UNSIGNED ? FieldType.UNSIGNED : FieldType.INTEGER, l, null);
            }
        } else if (v instanceof BigInteger b) {
            if (type == FieldType.FLOAT) {
                d.add(time, FieldType.FLOAT, Double.doubleToRawLongBits(b.doubleValue()), null);
            } else if (type == FieldType.UNSIGNED && b.signum() >= 0 && b.bitLength() <= 64) {
                d.add(time, FieldType.UNSIGNED, b.longValue(), null);
            } else {
                // no 64-bit integer: cannot equal a value of the files; digested as a float so that it differs
                d.add(time, FieldType.FLOAT, Double.doubleToRawLongBits(b.doubleValue()), null);
            }
        } else {
            throw new IllegalStateException("unexpected value " + v.getClass().getSimpleName() + " in a row");
        }
    }
}
