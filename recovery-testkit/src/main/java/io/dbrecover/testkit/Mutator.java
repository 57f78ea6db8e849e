package io.dbrecover.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Seeded, reproducible damage to a copy of a real file, for parser fuzz tests: bit flips, runs of bytes
 * overwritten, bytes inserted, truncation, extension, a copy of one part over another, length and count fields set
 * to extremes, and control bytes, NUL, quotes and backslashes put into names and texts. What is a length field and
 * where the names are is the format's knowledge: the caller gives it as a {@link Layout}; without one, the
 * structured mutations fall back to random places.
 *
 * <p>The same seed and the same inputs give the same mutants, and each mutant says what was done, so that a failure
 * names a variant anyone can make again.
 */
public final class Mutator {
    /** What terminals and SQL clients react to: ESC sequences, BEL, NUL, CR, C1 CSI, DEL, quotes, backslash. */
    private static final byte[][] HOSTILE = {
        "\u001b]2;owned\u0007".getBytes(StandardCharsets.ISO_8859_1),
        "\u001b[2J".getBytes(StandardCharsets.ISO_8859_1),
        {0}, {0x07}, {0x1b}, {'\r'}, {'\n'}, {(byte) 0x9b}, {0x7f}, {'\''}, {'`'}, {'"'}, {'\\'}, {';'},
        {(byte) 0xc3}, {(byte) 0xff}, {0x1a}, {'\t'}, {')'}, {'('},
        "\\! id".getBytes(StandardCharsets.ISO_8859_1),
        "';\nsystem id\n".getBytes(StandardCharsets.ISO_8859_1),
    };
    private static final long[] EXTREMES = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL};

    private final Random random;

    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    /**
     * A length or count field of a format.
     *
     * @param offset where it is
     * @param width 1, 2, 3 or 4 bytes
     * @param bigEndian byte order (InnoDB pages: big; .frm: little)
     * @param what its name, for the description
     */
    public record Field(int offset, int width, boolean bigEndian, String what) {
        public Field {
            Objects.requireNonNull(what, "what");
            if (width < 1 || width > 4 || offset < 0) {
                throw new IllegalArgumentException("field " + what + ": width " + width + " at " + offset);
            }
        }
    }

    /**
     * A name or text of a format.
     *
     * @param offset where it starts
     * @param length its length in bytes
     * @param what its name, for the description
     */
    public record Span(int offset, int length, String what) {
        public Span {
            Objects.requireNonNull(what, "what");
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("span " + what + ": " + length + " bytes at " + offset);
            }
        }
    }

    /** What the format's fields and texts are, where the mutations that need it look. */
    public record Layout(List<Field> fields, List<Span> texts) {
        public Layout {
            fields = List.copyOf(fields);
            texts = List.copyOf(texts);
        }

        /** No knowledge: every mutation picks its place at random. */
        public static Layout none() {
            return new Layout(List.of(), List.of());
        }
    }

    /**
     * One damaged copy.
     *
     * @param description what was done, e.g. {@code "bit flips at 17:3, 901:0"}
     * @param data the bytes
     */
    public record Mutant(String description, byte[] data) {
        public Mutant {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(data, "data");
        }
    }

    /** The mutation kinds, each drawn with its weight. */
    public enum Kind {
        BIT_FLIPS(24), BYTE_RUN(12), INSERT(6), TRUNCATE(8), EXTEND(5), SPLICE(5), LENGTH_EXTREME(20),
        HOSTILE_TEXT(20);

        private final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** A damaged copy of {@code original}, the kind drawn by weight. */
    public Mutant next(byte[] original, Layout layout) {
        int total = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
        int pick = random.nextInt(total);
        for (Kind k : Kind.values()) {
            pick -= k.weight;
            if (pick < 0) {
                return next(original, layout, k);
            }
        }
        throw new AssertionError("weights");
    }

    /** A damaged copy of {@code original} made by one kind of mutation. */
    public Mutant next(byte[] original, Layout layout, Kind kind) {
        if (original.length == 0) {
            return new Mutant("extended an empty file", randomBytes(1 + random.nextInt(64)));
        }
        return switch (kind) {
            case BIT_FLIPS -> bitFlips(original);
            case BYTE_RUN -> byteRun(original);
            case INSERT -> insert(original);
            case TRUNCATE -> truncate(original, layout);
            case EXTEND -> extend(original);
            case SPLICE -> splice(original);
            case LENGTH_EXTREME -> layout.fields().isEmpty() ? byteRun(original) : lengthExtreme(original, layout);
            case HOSTILE_TEXT -> hostile(original, layout);
        };
    }

    private Mutant bitFlips(byte[] original) {
        byte[] d = original.clone();
        int n = 1 + random.nextInt(random.nextInt(4) == 0 ? 16 : 4);
        List<String> at = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int o = random.nextInt(d.length);
            int bit = random.nextInt(8);
            d[o] ^= (byte) (1 << bit);
            at.add(o + ":" + bit);
        }
        return new Mutant("bit flips at " + String.join(", ", at), d);
    }

    private Mutant byteRun(byte[] original) {
        byte[] d = original.clone();
        int from = random.nextInt(d.length);
        int to = Math.min(d.length, from + 1 + random.nextInt(random.nextBoolean() ? 8 : 256));
        int mode = random.nextInt(4);
        for (int i = from; i < to; i++) {
            d[i] = switch (mode) {
                case 0 -> 0;
                case 1 -> (byte) 0xFF;
                case 2 -> (byte) random.nextInt(256);
                default -> d[from];
            };
        }
        return new Mutant("bytes " + from + ".." + to + " set to " + new String[] {"00", "FF", "random", "a repeat"}
                [mode], d);
    }

    private Mutant insert(byte[] original) {
        int at = random.nextInt(original.length + 1);
        byte[] ins = random.nextBoolean() ? HOSTILE[random.nextInt(HOSTILE.length)]
                : randomBytes(1 + random.nextInt(16));
        byte[] d = new byte[original.length + ins.length];
        System.arraycopy(original, 0, d, 0, at);
        System.arraycopy(ins, 0, d, at, ins.length);
        System.arraycopy(original, at, d, at + ins.length, original.length - at);
        return new Mutant(ins.length + " bytes inserted at " + at, d);
    }

    private Mutant truncate(byte[] original, Layout layout) {
        int length;
        if (!layout.texts().isEmpty() && random.nextBoolean()) {
            // inside a text or a section: where readers most often trust what follows
            Span s = layout.texts().get(random.nextInt(layout.texts().size()));
            length = Math.min(original.length - 1, s.offset() + (s.length() == 0 ? 0 : random.nextInt(s.length())));
        } else {
            length = random.nextInt(original.length);
        }
        return new Mutant("truncated to " + length + " bytes", Arrays.copyOf(original, Math.max(0, length)));
    }

    private Mutant extend(byte[] original) {
        int n = 1 + random.nextInt(random.nextBoolean() ? 64 : 8192);
        byte[] tail = random.nextBoolean() ? new byte[n] : randomBytes(n);
        byte[] d = Arrays.copyOf(original, original.length + n);
        System.arraycopy(tail, 0, d, original.length, n);
        return new Mutant("extended by " + n + " bytes", d);
    }

    private Mutant splice(byte[] original) {
        byte[] d = original.clone();
        int n = 1 + random.nextInt(Math.min(d.length, 512));
        int from = random.nextInt(d.length - n + 1);
        int to = random.nextInt(d.length - n + 1);
        System.arraycopy(original, from, d, to, n);
        return new Mutant(n + " bytes from " + from + " copied to " + to, d);
    }

    private Mutant lengthExtreme(byte[] original, Layout layout) {
        byte[] d = original.clone();
        Field f = layout.fields().get(random.nextInt(layout.fields().size()));
        if (f.offset() + f.width() > d.length) {
            return bitFlips(original);
        }
        long max = f.width() == 4 ? 0xFFFFFFFFL : (1L << (8 * f.width())) - 1;
        long current = read(d, f);
        long value = switch (random.nextInt(4)) {
            case 0 -> EXTREMES[random.nextInt(EXTREMES.length)] & max;
            case 1 -> (current + 1) & max;
            case 2 -> (current - 1) & max;
            default -> random.nextLong() & max;
        };
        write(d, f, value);
        return new Mutant(f.what() + " at " + f.offset() + " set from " + current + " to " + value, d);
    }

    private Mutant hostile(byte[] original, Layout layout) {
        byte[] bytes = HOSTILE[random.nextInt(HOSTILE.length)];
        int at;
        String where;
        List<Span> texts = layout.texts().stream().filter(s -> s.length() > 0).toList();
        if (!texts.isEmpty()) {
            Span s = texts.get(random.nextInt(texts.size()));
            at = s.offset() + random.nextInt(s.length());
            where = s.what();
        } else {
            at = random.nextInt(original.length);
            where = "a random place";
        }
        byte[] d = original.clone();
        int n = Math.min(bytes.length, d.length - at);
        System.arraycopy(bytes, 0, d, at, n);
        return new Mutant("hostile bytes " + hex(bytes) + " written over " + where + " at " + at, d);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static long read(byte[] d, Field f) {
        long v = 0;
        for (int i = 0; i < f.width(); i++) {
            int b = d[f.offset() + i] & 0xFF;
            v |= f.bigEndian() ? (long) b << (8 * (f.width() - 1 - i)) : (long) b << (8 * i);
        }
        return v;
    }

    private static void write(byte[] d, Field f, long v) {
        for (int i = 0; i < f.width(); i++) {
            int shift = f.bigEndian() ? 8 * (f.width() - 1 - i) : 8 * i;
            d[f.offset() + i] = (byte) (v >>> shift);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format(java.util.Locale.ROOT, "%02X", x & 0xFF));
        }
        return sb.toString();
    }
}
