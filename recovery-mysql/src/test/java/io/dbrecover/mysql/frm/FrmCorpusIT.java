package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.ddl.DdlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every .frm of Debian's mariadb-test-data package (GPL test data, read in place, never copied) and checks
 * that each one either gives a definition or our typed error. FrmCorpusOracleIT compares the definitions with the
 * server's own SHOW CREATE TABLE.
 */
class FrmCorpusIT {
    private static final Path CORPUS = Path.of("/usr/share/mysql/mysql-test");

    @Test
    void every_corpus_frm_parses_or_gives_a_typed_error() throws Exception {
        boolean required = Boolean.getBoolean("dbrecover.requireBinaries");
        if (!required) {
            assumeThat(Files.isDirectory(CORPUS)).as("package mariadb-test-data installed").isTrue();
        }
        assertThat(CORPUS).isDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".frm") && Files.isRegularFile(p)).sorted().toList();
        }
        int parsed = 0;
        Map<String, Integer> typed = new TreeMap<>();
        List<String> other = new ArrayList<>();
        for (Path f : files) {
            try {
                DdlWriter.write(FrmReader.read(f));
                parsed++;
            } catch (RecoveryException e) {
                typed.merge(e.code().name(), 1, Integer::sum);
                System.out.println("typed error: " + e.getMessage());
            } catch (RuntimeException e) {
                other.add(f + ": " + e);
            }
        }
        System.out.println("frm corpus: " + files.size() + " files, " + parsed + " parsed, typed errors " + typed
                + ", other exceptions " + other.size());
        assertThat(files).isNotEmpty();
        assertThat(other).as("exceptions other than RecoveryException").isEmpty();
    }
}
