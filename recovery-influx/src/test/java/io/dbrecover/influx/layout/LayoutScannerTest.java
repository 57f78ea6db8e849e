package io.dbrecover.influx.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.influx.model.DataLayout;
import io.dbrecover.influx.model.IndexKind;
import io.dbrecover.influx.model.ShardFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutScannerTest {
    @TempDir
    Path root;

    @Test
    void findsA1xTreeFromTheDirectoryHoldingDataWalAndMeta() throws IOException {
        Path shard1 = dirs("data/db1/autogen/1");
        file(shard1.resolve("000000002-000000001.tsm"));
        file(shard1.resolve("000000010-000000002.tsm"));
        file(shard1.resolve("000000002-000000001.tombstone"));
        file(shard1.resolve("fields.idx"));
        file(dirs("data/db1/autogen/1/index/0").resolve("MANIFEST"));
        file(dirs("data/db1/autogen/1/index/1").resolve("MANIFEST"));
        dirs("data/db1/_series/00");
        Path shard2 = dirs("data/db1/week/2");
        file(shard2.resolve("000000001-000000001.tsm"));
        file(dirs("wal/db1/autogen/1").resolve("_00002.wal"));
        file(dirs("wal/db1/autogen/1").resolve("_00010.wal"));
        file(dirs("wal/db2/autogen/7").resolve("_00001.wal"));
        dirs("meta");

        DataLayout layout = LayoutScanner.scan(root, null);

        assertThat(layout.version()).isEqualTo("1.x");
        assertThat(layout.dataDir()).isEqualTo(root.resolve("data"));
        assertThat(layout.walDir()).isEqualTo(root.resolve("wal"));
        assertThat(layout.metaDir()).isEqualTo(root.resolve("meta"));
        assertThat(layout.databases()).containsExactly("db1", "db2");
        assertThat(layout.seriesDirs()).containsOnlyKeys("db1");
        assertThat(layout.shards()).extracting(s -> s.database() + "/" + s.retentionPolicy() + "/" + s.id())
                .containsExactly("db1/autogen/1", "db1/week/2", "db2/autogen/7");
        ShardFiles s1 = layout.shards().get(0);
        assertThat(s1.tsm()).extracting(p -> p.getFileName().toString())
                .containsExactly("000000002-000000001.tsm", "000000010-000000002.tsm");
        assertThat(s1.tombstones()).hasSize(1);
        assertThat(s1.wal()).extracting(p -> p.getFileName().toString()).containsExactly("_00002.wal", "_00010.wal");
        assertThat(s1.fieldsIndex()).isNotNull();
        assertThat(s1.index()).isEqualTo(IndexKind.TSI1);
        assertThat(s1.owners()).isNotEmpty();
        assertThat(layout.shards().get(1).index()).isEqualTo(IndexKind.INMEM);
        assertThat(layout.shards().get(2).walOnly()).isTrue();
        assertThat(layout.findings()).extracting(Finding::code).contains("WAL_DIR_ASSUMED");
    }

    @Test
    void takesThe1xDataDirectoryWithAnExplicitWalDirectory() throws IOException {
        file(dirs("d/db/rp/3").resolve("000000001-000000001.tsm"));
        file(dirs("w/db/rp/3").resolve("_00001.wal"));

        DataLayout layout = LayoutScanner.scan(root.resolve("d"), root.resolve("w"));

        assertThat(layout.shards()).singleElement().satisfies(s -> {
            assertThat(s.tsm()).hasSize(1);
            assertThat(s.wal()).hasSize(1);
            assertThat(s.walOnly()).isFalse();
        });
        assertThat(layout.findings()).extracting(Finding::code).doesNotContain("WAL_DIR_ASSUMED", "NO_WAL_DIR");
    }

    @Test
    void findsA2xEngineTree() throws IOException {
        file(dirs("engine/data/0a1b2c3d4e5f6a7b/autogen/12").resolve("000000001-000000001.tsm"));
        dirs("engine/data/0a1b2c3d4e5f6a7b/_series/00");
        file(dirs("engine/wal/0a1b2c3d4e5f6a7b/autogen/12").resolve("_00001.wal"));

        DataLayout layout = LayoutScanner.scan(root, null);

        assertThat(layout.version()).isEqualTo("2.x");
        assertThat(layout.walDir()).isEqualTo(root.resolve("engine/wal"));
        assertThat(layout.shards()).singleElement().satisfies(s -> {
            assertThat(s.database()).isEqualTo("0a1b2c3d4e5f6a7b");
            assertThat(s.retentionPolicy()).isEqualTo("autogen");
            assertThat(s.id()).isEqualTo(12);
            assertThat(s.wal()).hasSize(1);
        });
        assertThat(layout.seriesDirs()).containsOnlyKeys("0a1b2c3d4e5f6a7b");
    }

    @Test
    void namesIndexesThatAreMissingOrDamaged() throws IOException {
        dirs("data/db/rp/1/index");
        Files.writeString(dirs("data/db/rp/2").resolve("index"), "not a directory");
        file(dirs("data/db/rp/3/index/0").resolve("MANIFEST"));
        dirs("data/db/rp/3/index/1");

        DataLayout layout = LayoutScanner.scan(root.resolve("data"), null);

        assertThat(layout.shards()).extracting(ShardFiles::index)
                .containsExactly(IndexKind.MISSING, IndexKind.DAMAGED, IndexKind.DAMAGED);
        assertThat(layout.shards().get(2).indexNote()).contains("without their MANIFEST: 1");
        assertThat(layout.findings()).extracting(Finding::code).contains("NO_WAL_DIR");
    }

    @Test
    void namesLinksAndStrayFilesWithoutFollowingThem() throws IOException {
        Path elsewhere = dirs("elsewhere/5");
        file(elsewhere.resolve("000000001-000000001.tsm"));
        Path rp = dirs("data/db/rp");
        Files.createSymbolicLink(rp.resolve("5"), elsewhere);
        Path shard = dirs("data/db/rp/6");
        Files.createSymbolicLink(shard.resolve("000000001-000000001.tsm"), elsewhere.resolve("000000001-000000001.tsm"));
        file(shard.resolve("000000001-000000002.tsm.tmp"));

        DataLayout layout = LayoutScanner.scan(root.resolve("data"), null);

        assertThat(layout.shards()).singleElement().satisfies(s -> assertThat(s.tsm()).isEmpty());
        assertThat(layout.findings()).filteredOn(f -> f.code().equals("SYMBOLIC_LINK")).hasSize(2)
                .allSatisfy(f -> assertThat(f.message()).contains("not followed", elsewhere.toString()));
        assertThat(layout.findings()).extracting(Finding::message).anyMatch(m -> m.contains(".tsm.tmp"));
    }

    @Test
    void followsDataAndWalLinkedFromTheInstallDirectoryAndSaysSo() throws IOException {
        file(dirs("bigdisk/data/db/rp/1").resolve("000000001-000000001.tsm"));
        file(dirs("bigdisk/wal/db/rp/1").resolve("_00001.wal"));
        Path install = dirs("install");
        Files.createSymbolicLink(install.resolve("data"), root.resolve("bigdisk/data"));
        Files.createSymbolicLink(install.resolve("wal"), root.resolve("bigdisk/wal"));

        DataLayout layout = LayoutScanner.scan(install, null);

        assertThat(layout.shards()).singleElement().satisfies(s -> {
            assertThat(s.tsm()).hasSize(1);
            assertThat(s.wal()).hasSize(1);
        });
        assertThat(layout.findings()).filteredOn(f -> f.code().equals("SYMBOLIC_LINK_FOLLOWED")).hasSize(2);
    }

    @Test
    void refusesADataDirectoryThatIsNotThere() {
        assertThatThrownBy(() -> LayoutScanner.scan(root.resolve("nope"), null))
                .isInstanceOfSatisfying(RecoveryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND))
                .hasMessageContaining("dataDir");
    }

    private Path dirs(String rel) throws IOException {
        return Files.createDirectories(root.resolve(rel));
    }

    private static void file(Path p) throws IOException {
        Files.write(p, new byte[] {1});
    }
}
