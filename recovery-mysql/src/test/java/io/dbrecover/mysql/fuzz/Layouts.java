package io.dbrecover.mysql.fuzz;

import io.dbrecover.testkit.Mutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the length fields and the names of each format lie in a seed file, so that the {@link Mutator} sets the
 * fields readers trust to extremes and puts control bytes into the texts readers copy into statements. Read here
 * with a few lines of the format's facts (docs/formats/frm.md, the InnoDB page header), independently of the
 * readers under test; a field this misses is still reached by the random mutations.
 */
final class Layouts {
    private static final Pattern TEXT_VALUE = Pattern.compile("(?m)^[a-z_]+=(.*)$");
    private static final Pattern JSON_STRING = Pattern.compile("\"(?:name|comment|engine|column_type_utf8|"
            + "generation_expression_utf8|default_option|default_value_utf8|check_clause_utf8|options|"
            + "referenced_table_name|referenced_column_name|partition_expression_utf8|description_utf8|"
            + "referenced_table_schema_name|schema_ref)\":\"([^\"]*)\"");

    private Layouts() {
    }

    /** A binary table {@code .frm}: header lengths, forminfo counts, the extra segment, names and texts. */
    static Mutator.Layout frm(byte[] d) {
        List<Mutator.Field> fields = new ArrayList<>();
        List<Mutator.Span> texts = new ArrayList<>();
        if (d.length < 64) {
            return Mutator.Layout.none();
        }
        for (int[] f : new int[][] {{4, 2}, {6, 2}, {10, 4}, {14, 2}, {16, 2}, {28, 2}, {30, 2}, {38, 1}, {40, 1},
            {41, 1}, {45, 2}, {47, 4}, {55, 4}, {61, 1}, {3, 1}, {2, 1}}) {
            fields.add(new Mutator.Field(f[0], f[1], false, "header@" + f[0]));
        }
        int names = u16(d, 4);
        texts.add(new Mutator.Span(64, Math.min(names, d.length - 64), "extra2"));
        if (64 + names + 4 > d.length) {
            return new Mutator.Layout(fields, texts);
        }
        fields.add(new Mutator.Field(64 + names, 4, false, "forminfo position"));
        long fi = u32(d, 64 + names);
        int keyOff = u16(d, 6);
        long keyLen = u16(d, 14) == 0xFFFF ? u32(d, 47) : u16(d, 14);
        if (keyOff + 6 < d.length) {
            fields.add(new Mutator.Field(keyOff, 1, false, "key count"));
            fields.add(new Mutator.Field(keyOff + 1, 1, false, "key part count"));
            fields.add(new Mutator.Field(keyOff + 4, 2, false, "key names length"));
            texts.add(new Mutator.Span(keyOff, (int) Math.min(keyLen, d.length - keyOff), "key section"));
        }
        long ex = keyOff + keyLen + u16(d, 16);
        if (ex + 4 < d.length) {
            int conn = u16(d, (int) ex);
            fields.add(new Mutator.Field((int) ex, 2, false, "connection length"));
            long eng = ex + 2 + conn;
            if (eng + 2 < d.length) {
                int engLen = u16(d, (int) eng);
                fields.add(new Mutator.Field((int) eng, 2, false, "engine name length"));
                texts.add(new Mutator.Span((int) eng + 2, (int) Math.min(engLen, d.length - eng - 2), "engine name"));
                long part = eng + 2 + engLen;
                if (part + 4 < d.length) {
                    fields.add(new Mutator.Field((int) part, 4, false, "partition clause length"));
                    long partLen = u32(d, (int) part);
                    texts.add(new Mutator.Span((int) part + 4, (int) Math.min(partLen, d.length - part - 4),
                            "partition clause"));
                }
            }
        }
        if (fi + 288 > d.length) {
            return new Mutator.Layout(fields, texts);
        }
        int f = (int) fi;
        for (int[] x : new int[][] {{46, 1}, {258, 2}, {260, 2}, {268, 2}, {270, 2}, {274, 2}, {284, 2}, {286, 2}}) {
            fields.add(new Mutator.Field(f + x[0], x[1], false, "forminfo+" + x[0]));
        }
        texts.add(new Mutator.Span(f + 47, Math.min(d[f + 46] & 0xFF, 180), "table comment"));
        int count = u16(d, f + 258);
        int recordSize = (d[2] & 0xFF) < 9 ? 11 : 17;
        long records = fi + 288 + u16(d, f + 260);
        for (int i = 0; i < Math.min(count, 64); i++) {
            int r = (int) (records + (long) i * recordSize);
            if (r + recordSize > d.length) {
                break;
            }
            fields.add(new Mutator.Field(r + 3, 2, false, "column " + i + " length"));
            if (recordSize == 17) {
                fields.add(new Mutator.Field(r + 8, 2, false, "column " + i + " pack flag"));
                fields.add(new Mutator.Field(r + 12, 1, false, "column " + i + " interval"));
                fields.add(new Mutator.Field(r + 13, 1, false, "column " + i + " type"));
                fields.add(new Mutator.Field(r + 14, 1, false, "column " + i + " collation"));
                fields.add(new Mutator.Field(r + 15, 2, false, "column " + i + " comment length"));
            }
        }
        long namesAt = records + (long) count * recordSize;
        long rest = d.length - namesAt;
        if (rest > 0) {
            texts.add(new Mutator.Span((int) namesAt, (int) Math.min(rest, u16(d, f + 268)), "column names"));
            long after = namesAt + u16(d, f + 268);
            if (after < d.length) {
                texts.add(new Mutator.Span((int) after, (int) (d.length - after), "intervals, comments, expressions"));
            }
        }
        return new Mutator.Layout(fields, texts);
    }

    /** A text definition file ({@code TYPE=…} then {@code key=value} lines): every value is a text. */
    static Mutator.Layout text(byte[] d) {
        String s = new String(d, StandardCharsets.ISO_8859_1);
        List<Mutator.Span> texts = new ArrayList<>();
        Matcher m = TEXT_VALUE.matcher(s);
        while (m.find()) {
            texts.add(new Mutator.Span(m.start(1), m.end(1) - m.start(1), "value of " + s.substring(m.start(),
                    s.indexOf('=', m.start()))));
        }
        return new Mutator.Layout(List.of(), texts);
    }

    /** A {@code .par}: its 32-bit words (length, checksum, counts) and the partition names. */
    static Mutator.Layout par(byte[] d) {
        List<Mutator.Field> fields = new ArrayList<>();
        for (int o = 0; o + 4 <= Math.min(d.length, 24); o += 4) {
            fields.add(new Mutator.Field(o, 4, false, "word " + o / 4));
        }
        return new Mutator.Layout(fields, List.of(new Mutator.Span(0, d.length, "the whole file")));
    }

    /** An InnoDB tablespace: FIL and page headers of every page, the FSP header, the infimum's next pointer. */
    static Mutator.Layout ibd(byte[] d, int pageSize) {
        List<Mutator.Field> fields = new ArrayList<>();
        fields.add(new Mutator.Field(46, 4, true, "FSP size"));
        fields.add(new Mutator.Field(50, 4, true, "FSP free limit"));
        fields.add(new Mutator.Field(54, 4, true, "FSP flags"));
        for (int p = 0; (p + 1) * pageSize <= d.length; p++) {
            int o = p * pageSize;
            fields.add(new Mutator.Field(o + 4, 4, true, "page " + p + " number"));
            fields.add(new Mutator.Field(o + 8, 4, true, "page " + p + " prev"));
            fields.add(new Mutator.Field(o + 12, 4, true, "page " + p + " next"));
            fields.add(new Mutator.Field(o + 24, 2, true, "page " + p + " type"));
            fields.add(new Mutator.Field(o + 34, 4, true, "page " + p + " space id"));
            for (int[] h : new int[][] {{38, 2}, {40, 2}, {42, 2}, {44, 2}, {54, 2}, {64, 2}, {97, 2}}) {
                fields.add(new Mutator.Field(o + h[0], h[1], true, "page " + p + " header+" + (h[0] - 38)));
            }
        }
        return new Mutator.Layout(fields, List.of());
    }

    /** An SDI JSON document: the string values readers copy into statements. */
    static Mutator.Layout json(byte[] d) {
        String s = new String(d, StandardCharsets.ISO_8859_1);
        List<Mutator.Span> texts = new ArrayList<>();
        Matcher m = JSON_STRING.matcher(s);
        while (m.find()) {
            texts.add(new Mutator.Span(m.start(1), m.end(1) - m.start(1), "a JSON string"));
        }
        return new Mutator.Layout(List.of(), texts);
    }

    private static int u16(byte[] d, int o) {
        return o + 2 > d.length || o < 0 ? 0 : (d[o] & 0xFF) | (d[o + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] d, int o) {
        return o + 4 > d.length || o < 0 ? 0
                : (d[o] & 0xFFL) | (d[o + 1] & 0xFFL) << 8 | (d[o + 2] & 0xFFL) << 16 | (d[o + 3] & 0xFFL) << 24;
    }
}
