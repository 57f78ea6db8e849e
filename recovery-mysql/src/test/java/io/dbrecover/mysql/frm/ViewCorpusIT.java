package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.mysql.ddl.ViewDdlWriter;
import io.dbrecover.mysql.model.ViewDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The view .frm files of Debian's mariadb-test-data (GPL test data, read in place, never copied), compared with the
 * SHOW CREATE VIEW output that MariaDB's own test expects for them ({@code main/mysql_upgrade_view.result}).
 */
class ViewCorpusIT {
    private static final Path CORPUS = Path.of("/usr/share/mysql/mysql-test");

    @Test
    void everyCorpusViewReadsAndMatchesTheServersExpectedOutput() throws Exception {
        if (!Boolean.getBoolean("dbrecover.requireBinaries")) {
            assumeThat(Files.isDirectory(CORPUS)).as("package mariadb-test-data installed").isTrue();
        }
        List<Path> views;
        try (Stream<Path> s = Files.walk(CORPUS.resolve("std_data"))) {
            views = s.filter(p -> p.toString().endsWith(".frm") && Files.isRegularFile(p)).filter(p -> {
                try (var in = Files.newInputStream(p)) {
                    return ViewFrmReader.isView(in.readNBytes(10));
                } catch (java.io.IOException e) {
                    return false;
                }
            }).sorted().toList();
        }
        assertThat(views).hasSize(6);
        Map<String, ViewDefinition> read = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Path f : views) {
            try {
                read.put(CORPUS.relativize(f).toString(), ViewFrmReader.read(f));
            } catch (io.dbrecover.core.api.RecoveryException e) {
                assertThat(e.code()).isEqualTo(io.dbrecover.core.api.ErrorCode.CORRUPT_INPUT);
                refused.put(CORPUS.relativize(f).toString(), e.getMessage());
            }
        }
        // three files of the upgrade tests carry an MD5 that does not match their query on purpose (the server's
        // CHECK VIEW says "View text checksum failed"): a query the file cannot vouch for is refused, its text shown
        assertThat(refused.keySet()).containsExactlyInAnyOrder("std_data/bug48449.frm",
                "std_data/mysql_upgrade/v1badcheck.frm", "std_data/mysql_upgrade/v4.frm");
        assertThat(refused.values()).allSatisfy(m -> assertThat(m).contains("does not match the MD5",
                "as stored it reads: select"));
        // The test's first SHOW CREATE VIEW of v1..v3 runs in database `test`, before any repair.
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CORPUS.resolve("main/mysql_upgrade_view.result"))) {
            String[] cols = line.split("\t");
            if (cols.length == 4 && cols[1].startsWith("CREATE ALGORITHM=")) {
                expected.putIfAbsent(cols[0], cols[1]);
            }
        }
        int equal = 0;
        for (String v : List.of("v1", "v2", "v3")) {
            ViewDefinition def = read.get("std_data/mysql_upgrade/" + v + ".frm");
            String ours = ViewDdlWriter.createView(def, null).replace("`test`.", "");
            assertThat(ours).as(v).isEqualTo(expected.get(v));
            equal++;
        }
        System.out.println("view corpus: " + views.size() + " files, " + read.size() + " read, " + equal + "/3 equal "
                + "to the expected SHOW CREATE VIEW, refused for their MD5: " + refused.keySet());
        assertThat(read.get("std_data/mysql_upgrade/v1.frm").notes()).anyMatch(n -> n.contains("MySQL"));
    }
}
