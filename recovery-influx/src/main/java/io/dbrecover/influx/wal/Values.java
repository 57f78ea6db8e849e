package io.dbrecover.influx.wal;

import io.dbrecover.influx.model.FieldType;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable column of one key's values: timestamps and values of one type, as primitive arrays (no object per
 * value). FLOAT values are held as their IEEE-754 bits, BOOLEAN as 1 or 0, STRING as UTF-8 bytes.
 */
public final class Values {
    private final FieldType type;
    private int size;
    private long[] times;
    private long[] longs;
    private byte[][] strings;

    /** An empty column of the type. */
    public Values(FieldType type, int capacity) {
        this.type = Objects.requireNonNull(type, "type");
        int c = Math.max(capacity, 4);
        times = new long[c];
        if (type == FieldType.STRING) {
            strings = new byte[c][];
        } else {
            longs = new long[c];
        }
    }

    /** The values' type. */
    public FieldType type() {
        return type;
    }

    /** The number of values. */
    public int size() {
        return size;
    }

    /** The timestamp of value {@code i}. */
    public long time(int i) {
        return times[i];
    }

    /** Value {@code i} of a non-string column (float bits, integer, unsigned, boolean 1/0). */
    public long bits(int i) {
        return longs[i];
    }

    /** Value {@code i} of a STRING column (UTF-8 bytes). */
    public byte[] string(int i) {
        return strings[i];
    }

    /** Removes every value (keeps the arrays; string slots past the size are always null, so only those before). */
    public void clear() {
        if (strings != null) {
            Arrays.fill(strings, 0, size, null);
        }
        size = 0;
    }

    /** Appends one value. */
    public void add(long time, long bits, byte[] string) {
        grow(size + 1);
        times[size] = time;
        if (strings != null) {
            strings[size] = string;
        } else {
            longs[size] = bits;
        }
        size++;
    }

    /** Appends value {@code i} of another column of the same type. */
    public void addFrom(Values other, int i) {
        add(other.times[i], other.longs == null ? 0 : other.longs[i], other.strings == null ? null : other.strings[i]);
    }

    /** Appends {@code count} values from arrays as {@link WalVisitor#write} passes them. */
    public void addAll(int count, long[] ts, long[] vs, byte[][] ss) {
        grow(size + count);
        System.arraycopy(ts, 0, times, size, count);
        if (strings != null) {
            System.arraycopy(ss, 0, strings, size, count);
        } else {
            System.arraycopy(vs, 0, longs, size, count);
        }
        size += count;
    }

    /** Removes the values with {@code min <= time <= max}; returns how many. */
    public int removeRange(long min, long max) {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (times[r] < min || times[r] > max) {
                move(r, w++);
            }
        }
        int removed = size - w;
        truncate(w);
        return removed;
    }

    /**
     * Sorts by time, keeping for equal timestamps only the value added last (a later write overwrites an earlier
     * one, as in influxd's cache). Stable and allocation-free when already sorted without duplicates.
     */
    public void sortAndDeduplicate() {
        boolean ordered = true;
        for (int i = 1; i < size && ordered; i++) {
            ordered = times[i - 1] < times[i];
        }
        if (ordered) {
            return;
        }
        // stable: among equal timestamps the order of addition stays, so the last one is the latest write
        int[] order = stableOrder();
        long[] t = new long[size];
        long[] l = longs == null ? null : new long[size];
        byte[][] s = strings == null ? null : new byte[size][];
        int w = 0;
        for (int k = 0; k < size; k++) {
            int i = order[k];
            if (w > 0 && t[w - 1] == times[i]) {
                w--;
            }
            t[w] = times[i];
            if (l != null) {
                l[w] = longs[i];
            } else {
                s[w] = strings[i];
            }
            w++;
        }
        times = t;
        if (l != null) {
            longs = l;
        } else {
            strings = s;
        }
        size = w;
    }

    /** The indexes sorted by time, stably: a bottom-up merge sort on primitive ints (no boxing). */
    private int[] stableOrder() {
        int[] a = new int[size];
        int[] b = new int[size];
        for (int i = 0; i < size; i++) {
            a[i] = i;
        }
        for (int width = 1; width < size; width *= 2) {
            for (int lo = 0; lo < size; lo += 2 * width) {
                int mid = Math.min(lo + width, size);
                int hi = Math.min(lo + 2 * width, size);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    // <= keeps the left (earlier) one first among equals
                    b[k] = i < mid && (j >= hi || times[a[i]] <= times[a[j]]) ? a[i++] : a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    private void move(int from, int to) {
        if (from == to) {
            return;
        }
        times[to] = times[from];
        if (strings != null) {
            strings[to] = strings[from];
        } else {
            longs[to] = longs[from];
        }
    }

    private void truncate(int newSize) {
        if (strings != null) {
            Arrays.fill(strings, newSize, size, null);
        }
        size = newSize;
    }

    private void grow(int needed) {
        if (needed <= times.length) {
            return;
        }
        int c = Math.max(needed, times.length * 2);
        times = Arrays.copyOf(times, c);
        if (strings != null) {
            strings = Arrays.copyOf(strings, c);
        } else {
            longs = Arrays.copyOf(longs, c);
        }
    }
}
