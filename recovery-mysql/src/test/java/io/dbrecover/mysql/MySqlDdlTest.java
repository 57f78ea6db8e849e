package io.dbrecover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.scan.Scan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library facade over a directory mixing tables, views, triggers, tablespaces and a damaged file. */
class MySqlDdlTest {
    static final Path VIEWS = Path.of("src/test/resources/views/mariadb-10.11.19");
    static final Path TABLES = Path.of("src/test/resources/frm/mariadb-10.11.19");

    /** A data directory {@code root/w} holding the view and trigger fixtures under their real names. */
    static Path database(Path root) throws Exception {
        Path w = Files.createDirectories(root.resolve("w"));
        try (Stream<Path> s = Files.list(VIEWS)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".frm") || p.toString().endsWith(".TRG")).toList()) {
                Files.copy(f, w.resolve(f.getFileName().toString().substring(3)));
            }
        }
        for (String t : List.of("t_int", "t_str")) {
            Files.copy(TABLES.resolve("v__" + t + ".frm"), w.resolve(t + ".frm"));
        }
        Files.writeString(w.resolve("db.opt"), "default-character-set=latin1\ndefault-collation=latin1_swedish_ci\n");
        return w;
    }

    @Test
    void readsTablesViewsAndTriggersAndWritesOneScript(@TempDir Path root) throws Exception {
        Path w = database(root);
        Files.write(w.resolve("t_int.ibd"), new byte[16384]);
        Scan scan = MySqlDdl.scan(List.of(root), Dialect.MARIADB);
        assertThat(scan.failed()).isZero();
        assertThat(scan.ok()).isEqualTo(2 + 5 + 13 + 4);
        assertThat(scan.items()).filteredOn(i -> i.status() == Scan.Status.SKIPPED).singleElement()
                .satisfies(i -> assertThat(i.reason()).contains("t_int.frm"));
        assertThat(scan.databases()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("w");
            assertThat(d.collation()).isEqualTo("latin1_swedish_ci");
        });
        String script = MySqlDdl.script(scan);
        assertThat(script).contains("CREATE DATABASE IF NOT EXISTS `w` CHARACTER SET latin1 COLLATE "
                + "latin1_swedish_ci;\nUSE `w`;\n", "CREATE TABLE `t_int` (", "VIEW `v_plain` AS select",
                "DELIMITER ;;\n", "SET NAMES utf8mb4;\nSET time_zone = '+00:00';\n", "-- Not in .frm files: foreign keys");
        // tables before views, a view after the view it selects from, triggers last
        assertThat(script.indexOf("CREATE TABLE `t_str`")).isLessThan(script.indexOf("VIEW `v_plain`"));
        assertThat(script.indexOf("VIEW `v_check`")).isLessThan(script.indexOf("VIEW `v_local`"));
        assertThat(script.lastIndexOf("VIEW `")).isLessThan(script.indexOf("DELIMITER"));
    }

    @Test
    void aDamagedFileIsOneFailedItemWithItsOffsetAndTheOthersStillRead(@TempDir Path root) throws Exception {
        Path w = database(root);
        byte[] good = Files.readAllBytes(w.resolve("t_int.frm"));
        Files.write(w.resolve("t_cut.frm"), Arrays.copyOf(good, 100));
        Scan scan = MySqlDdl.scan(List.of(w), Dialect.MYSQL);
        assertThat(scan.failed()).isEqualTo(1);
        Scan.Item bad = scan.items().stream().filter(i -> i.status() == Scan.Status.FAILED).findFirst()
                .orElseThrow();
        assertThat(bad.file().getFileName().toString()).isEqualTo("t_cut.frm");
        assertThat(bad.errorCode()).isEqualTo(ErrorCode.CORRUPT_INPUT);
        assertThat(bad.offset()).isNotNull();
        assertThat(bad.reason()).contains("t_cut.frm");
        assertThat(scan.ok()).isEqualTo(2 + 5 + 13 + 4);
        assertThat(MySqlDdl.script(scan)).contains("--   FAILED " + bad.file(), "MySQL dialect");
    }

    @Test
    void aTablespaceWithoutFrmAndWithAnEmptySdiAreaIsACorruptItem(@TempDir Path root) throws Exception {
        byte[] page = new byte[16384];
        page[56] = 0x40; // FSP flags 0x4000: SDI present
        page[57] = 0x21;
        Path ibd = Files.write(root.resolve("t8.ibd"), page);
        Scan scan = MySqlDdl.scan(List.of(ibd), Dialect.MARIADB);
        assertThat(scan.items()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(Scan.Status.FAILED);
            assertThat(i.kind()).isEqualTo(Scan.Kind.TABLESPACE);
            assertThat(i.errorCode()).isEqualTo(ErrorCode.CORRUPT_INPUT);
            assertThat(i.offset()).isEqualTo(10505L);
            assertThat(i.reason()).contains("SDI version 0");
        });
    }

    @Test
    void aTablespaceWithoutFrmAndWithoutSdiIsUnsupported(@TempDir Path root) throws Exception {
        byte[] page = new byte[16384];
        page[57] = 0x21; // FSP flags 0x21: MySQL 5.7 / MariaDB DYNAMIC, no SDI
        Path ibd = Files.write(root.resolve("t7.ibd"), page);
        Scan scan = MySqlDdl.scan(List.of(ibd), Dialect.MARIADB);
        assertThat(scan.items()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(Scan.Status.FAILED);
            assertThat(i.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
            assertThat(i.reason()).contains("no SDI");
        });
    }

    @Test
    void aMissingPathIsAnError(@TempDir Path root) {
        assertThatThrownBy(() -> MySqlDdl.scan(List.of(root.resolve("nope")), Dialect.MARIADB))
                .isInstanceOfSatisfying(RecoveryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND));
    }
}
