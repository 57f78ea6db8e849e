package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ManagedServer;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.Engines;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.testkit.RequiresServer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-NULL defaults of MariaDB 5.3 high-resolution TIME(n)/DATETIME(n) columns in files MariaDB 5.3 itself wrote:
 * the corpus files {@code std_data/mariadb53_temporal/mariadb5312_{time,datetime}.frm} (Debian's mariadb-test-data,
 * read in place) only have NULL defaults, so a scratch copy gets values written into its default-values record;
 * MariaDB 10.11 then shows the table (engine switched to MEMORY, as in FrmCorpusOracleIT), and our DDL must equal
 * that and hold the intended values. The byte encoding written here is the test's own (see docs/formats/frm.md §8).
 */
@RequiresServer(value = "mysql", origin = "system")
class MariaDb53HiresDefaultsIT {
    private static final Path DIR = Path.of("/usr/share/mysql/mysql-test/std_data/mariadb53_temporal");
    private static final List<String> TIMES = List.of("-838:59:59.9", "00:00:00.01", "-00:00:01.500",
            "123:45:06.0007", "-10:00:00.00001", "838:59:59.999999");
    private static final List<String> DATETIMES = List.of("1999-12-31 23:59:59.9", "0000-00-00 00:00:00.00",
            "9999-12-31 23:59:59.999", "0001-01-01 00:00:00.0001", "2011-11-11 11:11:11.11111",
            "1970-01-01 00:00:00.000001");

    @TempDir
    Path tmp;

    @Test
    void defaults_written_into_real_mariadb_5_3_files_read_as_the_server_shows_them() throws Exception {
        if (!Boolean.getBoolean("dbrecover.requireBinaries")) {
            assumeThat(DIR).as("package mariadb-test-data installed").isDirectory();
        }
        ServerProvider provider = Engines.byId("mysql").servers().orElseThrow();
        try (ManagedServer server = provider.create(ServerOptions.builder().origin(BinaryOrigin.SYSTEM)
                .baseDir(tmp).build())) {
            server.start();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("SET time_zone='+00:00'");
                check(st, server.info().dataDir(), "mariadb5312_time", TIMES, false);
                check(st, server.info().dataDir(), "mariadb5312_datetime", DATETIMES, true);
            }
        }
    }

    private static void check(Statement st, Path dataDir, String table, List<String> values, boolean datetime)
            throws Exception {
        byte[] patched = withDefaults(Files.readAllBytes(DIR.resolve(table + ".frm")), values, datetime);
        byte[] memory = FrmEngineSwap.swap(patched, 6, "MEMORY");
        st.execute("CREATE DATABASE `" + table + "`");
        Files.write(dataDir.resolve(table).resolve(table + ".frm"), memory);
        String serverDdl;
        try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE `" + table + "`.`" + table + "`")) {
            rs.next();
            serverDdl = rs.getString(2);
        }
        String ours = DdlWriter.createTable(FrmReader.read(Path.of(table + ".frm"), memory, table + ".frm"));
        assertThat(FrmCorpusOracleIT.normalise(ours)).isEqualTo(FrmCorpusOracleIT.normalise(serverDdl));
        for (int i = 0; i < values.size(); i++) {
            assertThat(serverDdl).as("the value the test meant to write")
                    .contains("`t" + (i + 1) + "` " + (datetime ? "datetime" : "time") + "(" + (i + 1)
                            + ") /* mariadb-5.3 */ DEFAULT '" + values.get(i) + "'");
        }
    }

    /** Columns t1..t6 (TIME(1..6) or DATETIME(1..6)) get the values: null bit cleared, value bytes written. */
    private static byte[] withDefaults(byte[] frm, List<String> values, boolean datetime) {
        byte[] out = frm.clone();
        FrmBytes b = new FrmBytes(Path.of("scratch.frm"), frm);
        FrmHeader h = FrmHeader.parse(b);
        List<RawColumn> columns = ColumnSection.parse(b, h).columns();
        int bit = h.firstNullBit();
        for (RawColumn c : columns) {
            int fsp = c.name().charAt(1) - '0';
            if (c.nullable() && fsp > 0) {
                out[h.recordOffset() + bit / 8] &= (byte) ~(1 << (bit % 8));
                byte[] value = datetime ? dateTime(values.get(fsp - 1), fsp) : time(values.get(fsp - 1), fsp);
                System.arraycopy(value, 0, out, h.recordOffset() + c.recordPosition() - 1, value.length);
            }
            if (c.nullable()) {
                bit++;
            }
        }
        return out;
    }

    private static final Pattern TIME = Pattern.compile("(-?)(\\d+):(\\d\\d):(\\d\\d)\\.(\\d+)");
    private static final Pattern DATETIME =
            Pattern.compile("(\\d{4})-(\\d\\d)-(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d+)");

    /** Units of 10^-fsp s, signed, plus 838:59:59 + 1 s in the same units; big-endian in 3/4/4/5/5/5/6 bytes. */
    private static byte[] time(String text, int fsp) {
        Matcher m = TIME.matcher(text);
        assertThat(m.matches()).isTrue();
        long unit = BigInteger.TEN.pow(fsp).longValue();
        long seconds = Long.parseLong(m.group(2)) * 3600 + Long.parseLong(m.group(3)) * 60 + Long.parseLong(m.group(4));
        long value = seconds * unit + Long.parseLong(m.group(5));
        value = (m.group(1).isEmpty() ? value : -value) + (838L * 3600 + 59 * 60 + 59 + 1) * unit;
        return bigEndian(value, new int[] {3, 4, 4, 5, 5, 5, 6}[fsp]);
    }

    /** ((((y·13+m)·32+d)·24+h)·60+mi)·60+s, times 10^fsp, plus the fraction; big-endian in 5/6/6/7/7/7/8 bytes. */
    private static byte[] dateTime(String text, int fsp) {
        Matcher m = DATETIME.matcher(text);
        assertThat(m.matches()).isTrue();
        long v = Long.parseLong(m.group(1)) * 13 + Long.parseLong(m.group(2));
        v = v * 32 + Long.parseLong(m.group(3));
        v = v * 24 + Long.parseLong(m.group(4));
        v = v * 60 + Long.parseLong(m.group(5));
        v = v * 60 + Long.parseLong(m.group(6));
        v = v * BigInteger.TEN.pow(fsp).longValue() + Long.parseLong(m.group(7));
        return bigEndian(v, new int[] {5, 6, 6, 7, 7, 7, 8}[fsp]);
    }

    private static byte[] bigEndian(long value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--, value >>>= 8) {
            out[i] = (byte) value;
        }
        return out;
    }
}
