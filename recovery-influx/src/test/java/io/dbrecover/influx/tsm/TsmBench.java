package io.dbrecover.influx.tsm;

import io.dbrecover.influx.InfluxVerify;
import io.dbrecover.influx.model.VerifyReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-run measurement of verify's speed, not part of the suite. {@code generate SRC OUT MB} writes a TSM file of
 * about MB megabytes whose blocks are copies of a real influxd file's blocks (SRC, e.g. one TsmReaderIT copied out
 * with -Ddbrecover.tsm.fixtureDir), under new keys, so that every encoding influxd chose is in it and deep verify
 * finds it sound; {@code verify PATH [deep]} times InfluxVerify three times and prints MB/s and values/s.
 */
public final class TsmBench {
    private TsmBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("generate")) {
            generate(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]) << 20);
            return;
        }
        boolean deep = args.length > 2 && args[2].equals("deep");
        Path path = Path.of(args[1]);
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            VerifyReport r = InfluxVerify.verify(path, deep);
            double s = (System.nanoTime() - t) / 1e9;
            System.gc(); // what stays: verify's memory is flat, the rest was garbage
            System.out.printf(Locale.ROOT, "%s: %d bytes, %d blocks, %d values, %d damage in %.3f s: %.0f MB/s"
                    + "%s, heap retained %d MB%n", deep ? "deep" : "crc", r.bytes(), r.blocks(), r.values(),
                    r.damage().size(), s, r.bytes() / 1e6 / s, deep ? String.format(Locale.ROOT, ", %.1f M values/s",
                            r.values() / 1e6 / s) : "", (Runtime.getRuntime().totalMemory()
                            - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }

    private record Source(byte[] key, int type, List<BlockRef> refs, List<byte[]> blocks) {
    }

    private static void generate(Path src, Path out, long size) throws IOException {
        List<Source> sources = new ArrayList<>();
        byte[] all = Files.readAllBytes(src);
        long perCopy = 0;
        try (TsmFile f = TsmFile.open(src)) {
            TsmIndex index = f.index();
            for (IndexEntry e = index.next(); e != null; e = index.next()) {
                List<byte[]> blocks = new ArrayList<>();
                for (BlockRef b : e.blocks()) {
                    byte[] stored = new byte[b.size()];
                    System.arraycopy(all, (int) b.offset(), stored, 0, b.size());
                    blocks.add(stored);
                    perCopy += b.size();
                }
                sources.add(new Source(e.key(), e.typeCode(), e.blocks(), blocks));
            }
        }
        long copies = Math.max(1, size / perCopy);
        ByteBuffer index = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, copies
                * sources.stream().mapToLong(s -> 2 + 10 + s.key().length + 3 + 28L * s.refs().size()).sum()));
        long pos = 5;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            o.write(new byte[] {0x16, (byte) 0xD1, 0x16, (byte) 0xD1, 1});
            for (long c = 0; c < copies; c++) {
                byte[] prefix = String.format(Locale.ROOT, "b%08d.", c).getBytes(StandardCharsets.UTF_8);
                for (Source s : sources) {
                    index.putShort((short) (prefix.length + s.key().length)).put(prefix).put(s.key())
                            .put((byte) s.type()).putShort((short) s.refs().size());
                    for (int i = 0; i < s.refs().size(); i++) {
                        BlockRef r = s.refs().get(i);
                        index.putLong(r.minTime()).putLong(r.maxTime()).putLong(pos).putInt(r.size());
                        o.write(s.blocks().get(i));
                        pos += r.size();
                    }
                }
            }
            o.write(index.array(), 0, index.position());
            o.write(ByteBuffer.allocate(8).putLong(pos).array());
        }
        System.out.println("wrote " + out + ": " + Files.size(out) + " bytes, " + copies + " copies of " + src);
    }
}
