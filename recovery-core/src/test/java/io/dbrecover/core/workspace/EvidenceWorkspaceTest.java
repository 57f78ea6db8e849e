package io.dbrecover.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceWorkspaceTest {
    @TempDir
    Path tmp;

    private Path source() throws Exception {
        Path src = tmp.resolve("disk/var/lib/mysql/shop");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("orders.frm"), "frm bytes");
        Files.write(src.resolve("orders.ibd"), new byte[100_000]);
        Files.writeString(src.resolve("sub/notes.txt"), "x");
        return src;
    }

    private static RecoveryException refused(Runnable r) {
        try {
            r.run();
        } catch (RecoveryException e) {
            return e;
        }
        throw new AssertionError("expected a RecoveryException");
    }

    @Test
    void refusesAnOutputPathInsideASource() throws Exception {
        Path src = source();
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            RecoveryException e = refused(() -> ws.checkOutput(src.resolve("orders.ibd")));
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains(src.toString());
            assertThat(refused(() -> ws.checkOutput(src.resolve("new/deeper/file.sql"))).code())
                    .isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
            assertThat(refused(() -> ws.checkOutput(src)).code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
            assertThat(ws.checkOutput(tmp.resolve("elsewhere/out.sql"))).isEqualTo(tmp.resolve("elsewhere/out.sql"));
        }
    }

    @Test
    void refusesAWriteThroughASymlinkIntoASource() throws Exception {
        Path src = source();
        Path link = Files.createSymbolicLink(tmp.resolve("innocent"), src);
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThat(refused(() -> ws.checkOutput(link.resolve("dump.sql"))).code())
                    .isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        }
    }

    @Test
    void refusesAWorkDirInsideASourceOrContainingOne() throws Exception {
        Path src = source();
        assertThat(refused(() -> EvidenceWorkspace.open(List.of(src), src.resolve("work"), ProgressListener.NONE)).code())
                .isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        assertThat(refused(() -> EvidenceWorkspace.open(List.of(src), tmp.resolve("disk"), ProgressListener.NONE)).code())
                .isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        assertThat(src.resolve("work")).doesNotExist();
    }

    @Test
    void refusesAMissingSourceWithItsPath() {
        Path missing = tmp.resolve("nope");
        RecoveryException e = refused(() -> EvidenceWorkspace.open(List.of(missing), tmp.resolve("w"), ProgressListener.NONE));
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND);
        assertThat(e.getMessage()).contains(missing.toString());
    }

    @Test
    void inventoriesEverySourceFileWithItsSha256() throws Exception {
        Path src = source();
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            var inv = ws.inventoryBefore().get(0);
            assertThat(inv.files()).extracting(f -> f.path()).containsExactly("orders.frm", "orders.ibd", "sub/notes.txt");
            assertThat(inv.files().get(0).sha256())
                    // sha256("frm bytes"), computed independently with coreutils' sha256sum
                    .isEqualTo("ff89182492808299a41b16b9950e6f3822f2d420cb4eff76fe992bfddbfd44ed");
            assertThat(inv.files().get(1).size()).isEqualTo(100_000);
            assertThat(tmp.resolve("work/inventory/sources-before.json")).exists();
        }
    }

    @Test
    void sha256MatchesAKnownDigest() throws Exception {
        Path f = tmp.resolve("abc");
        Files.writeString(f, "abc");
        assertThat(Inventories.sha256(f)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void verdictIsYesWhenNothingChangedAndNamesEveryDifferenceOtherwise() throws Exception {
        Path src = source();
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            ws.copyIn(src.resolve("orders.ibd"), "copies/orders.ibd");
            InventoryVerdict same = ws.verifySources(ProgressListener.NONE);
            assertThat(same.unchanged()).isTrue();
            assertThat(same.yesNo()).isEqualTo("yes");
            assertThat(same.filesChecked()).isEqualTo(3);

            // a change that keeps size and mtime is still found (content hash)
            Path frm = src.resolve("orders.frm");
            FileTime mtime = Files.getLastModifiedTime(frm);
            Files.writeString(frm, "FRM BYTES");
            Files.setLastModifiedTime(frm, mtime);
            Files.delete(src.resolve("sub/notes.txt"));
            Files.writeString(src.resolve("new.txt"), "n");
            InventoryVerdict changed = ws.verifySources(ProgressListener.NONE);
            assertThat(changed.unchanged()).isFalse();
            assertThat(changed.yesNo()).isEqualTo("no");
            assertThat(changed.changed()).singleElement().asString().endsWith("orders.frm");
            assertThat(changed.missing()).singleElement().asString().endsWith("sub/notes.txt");
            assertThat(changed.added()).singleElement().asString().endsWith("new.txt");
        }
    }

    @Test
    void copyInCopiesIntoTheWorkDirAndKeepsTheOriginal() throws Exception {
        Path src = source();
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            Path copy = ws.copyIn(src.resolve("orders.frm"), "copies/shop/orders.frm");
            assertThat(copy).hasContent("frm bytes").startsWith(ws.workDir());
            // the copy keeps the mtime (to the microsecond: what utimes(2) carries)
            assertThat(Files.getLastModifiedTime(copy).to(java.util.concurrent.TimeUnit.MICROSECONDS))
                    .isEqualTo(Files.getLastModifiedTime(src.resolve("orders.frm")).to(java.util.concurrent.TimeUnit.MICROSECONDS));
            assertThatThrownBy(() -> ws.copyIn(src.resolve("orders.frm"), "../escape"))
                    .isInstanceOf(RecoveryException.class);
            assertThatThrownBy(() -> ws.copyIn(tmp.resolve("not-a-source"), "x"))
                    .isInstanceOf(RecoveryException.class);
        }
    }

    @Test
    void secondOpenOfALockedWorkDirIsRefused() throws Exception {
        Path src = source();
        try (EvidenceWorkspace ignored = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            RecoveryException e = refused(() -> EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE));
            assertThat(e.code()).isEqualTo(ErrorCode.WORKDIR_LOCKED);
            assertThat(e.exitCode()).isEqualTo(5);
        }
        // released on close
        try (EvidenceWorkspace again = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThat(again.resumed()).isTrue();
        }
    }

    @Test
    void resumeKeepsTheFirstInventoryAsTheReferenceAndRefusesOtherSources() throws Exception {
        Path src = source();
        Instant first;
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            first = ws.inventoryBefore().get(0).takenAt();
        }
        Files.writeString(src.resolve("orders.frm"), "changed between runs");
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), tmp.resolve("work"), ProgressListener.NONE)) {
            assertThat(ws.inventoryBefore().get(0).takenAt()).isEqualTo(first);
            assertThat(ws.verifySources(ProgressListener.NONE).changed()).hasSize(1);
        }
        Path other = Files.createDirectories(tmp.resolve("other"));
        assertThat(refused(() -> EvidenceWorkspace.open(List.of(other), tmp.resolve("work"), ProgressListener.NONE)).code())
                .isEqualTo(ErrorCode.JOURNAL_MISMATCH);
    }

    @Test
    void aHardLinkToASourceFileAtTheLockNameIsRefusedAndTheSourceKeepsItsBytes() throws Exception {
        Path src = source();
        Path work = Files.createDirectories(tmp.resolve("work"));
        byte[] frm = Files.readAllBytes(src.resolve("orders.frm"));
        Files.createLink(work.resolve(".dbrecover.lock"), src.resolve("orders.frm"));

        RecoveryException e = refused(() -> EvidenceWorkspace.open(List.of(src), work, ProgressListener.NONE));

        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        assertThat(e.getMessage()).contains(".dbrecover.lock", "2 hard links");
        assertThat(Files.readAllBytes(src.resolve("orders.frm"))).isEqualTo(frm);
    }

    @Test
    void theSourcesAreInventoriedBeforeAnythingInTheWorkDirIsOpenedForWriting() throws Exception {
        Path src = source();
        Path work = tmp.resolve("work");
        List<String> seenWhenHashing = new java.util.ArrayList<>();
        ProgressListener watch = (name, total, unit) -> {
            try (var names = Files.list(work)) {
                names.forEach(p -> seenWhenHashing.add(p.getFileName().toString()));
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            seenWhenHashing.add("<" + name + ">");
            return ProgressListener.Task.NONE;
        };
        try (EvidenceWorkspace ws = EvidenceWorkspace.open(List.of(src), work, watch)) {
            assertThat(seenWhenHashing).isNotEmpty().allSatisfy(n -> assertThat(n).startsWith("<"));
            assertThat(work.resolve(".dbrecover.lock")).exists();
            assertThat(work.resolve("inventory/sources-before.json")).exists();
        }
    }

    @Test
    void aBusyWorkDirIsRefusedBeforeTheSourcesAreHashedAgain() throws Exception {
        Path src = source();
        java.util.concurrent.atomic.AtomicInteger hashed = new java.util.concurrent.atomic.AtomicInteger();
        ProgressListener count = (name, total, unit) -> {
            hashed.incrementAndGet();
            return ProgressListener.Task.NONE;
        };
        Path work = tmp.resolve("work");
        try (EvidenceWorkspace first = EvidenceWorkspace.open(List.of(src), work, ProgressListener.NONE)) {
            Files.delete(work.resolve("inventory/sources-before.json")); // as if the first run had not written it yet
            RecoveryException e = refused(() -> EvidenceWorkspace.open(List.of(src), work, count));
            assertThat(e.code()).isEqualTo(ErrorCode.WORKDIR_LOCKED);
            assertThat(hashed).hasValue(0);
            // the refused attempt left the first run's lock in place
            assertThat(refused(() -> EvidenceWorkspace.open(List.of(src), work, count)).code())
                    .isEqualTo(ErrorCode.WORKDIR_LOCKED);
        }
    }

    @Test
    void aLinkAtTheEarlierInventoryIsRefusedNotRead() throws Exception {
        Path src = source();
        Path work = Files.createDirectories(tmp.resolve("work/inventory"));
        Files.createSymbolicLink(work.resolve("sources-before.json"), src.resolve("orders.frm"));
        RecoveryException e = refused(() -> EvidenceWorkspace.open(List.of(src), tmp.resolve("work"),
                ProgressListener.NONE));
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_WRITE_REFUSED);
        assertThat(e.getMessage()).contains("sources-before.json");
    }
}
