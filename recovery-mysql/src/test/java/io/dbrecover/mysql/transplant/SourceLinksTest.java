package io.dbrecover.mysql.transplant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where followed links lead is found by listing directories, before the sources are inventoried and read: it must be
 * exactly what the scan then reads through, or a file read would escape the inventory.
 */
class SourceLinksTest {
    static final Path TABLES = Path.of("src/test/resources/frm/mariadb-10.11.19");

    @Test
    void theLinkedSourcesFoundByListingAreThoseTheScanReadsThrough(@TempDir Path tmp) throws Exception {
        Path datadir = Files.createDirectories(tmp.resolve("datadir"));
        Path shop = Files.createDirectories(datadir.resolve("shop"));
        Files.copy(TABLES.resolve("v__t_int.frm"), shop.resolve("t_int.frm"));
        // a database kept on another disk, and a table file kept elsewhere, as MySQL allows
        Path elsewhere = Files.createDirectories(tmp.resolve("other-disk/archive"));
        Files.copy(TABLES.resolve("v__t_int.frm"), elsewhere.resolve("t_int.frm"));
        Files.createSymbolicLink(datadir.resolve("archive"), elsewhere);
        Path loose = Files.createDirectories(tmp.resolve("loose"));
        Files.copy(TABLES.resolve("v__t_int.frm"), loose.resolve("t2.frm"));
        Files.createSymbolicLink(shop.resolve("t2.frm"), loose.resolve("t2.frm"));
        // a link that leads back into the sources is no source of its own
        Files.createSymbolicLink(shop.resolve("t3.frm"), shop.resolve("t_int.frm"));

        List<Path> listed = SourceScan.linkedSources(List.of(datadir));
        SourceScan.Result scanned = SourceScan.scan(List.of(datadir), Set.of());

        assertThat(listed).containsExactlyInAnyOrder(elsewhere.toRealPath(), loose.resolve("t2.frm").toRealPath());
        assertThat(scanned.linkedSources()).containsExactlyElementsOf(listed);
        assertThat(scanned.tables()).extracting(TableSource::qualifiedName).contains("archive.t_int", "shop.t2");
    }
}
