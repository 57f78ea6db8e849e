package io.dbrecover.postgres.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.workspace.OutputFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutTest {
    @TempDir
    Path tmp;

    @Test
    void extractsFilesAndDirectoriesOfAGzippedTarAndNamesTablespaceLinks() throws Exception {
        Path tar = tar("base.tar.gz", List.of(dir("./"), file("./PG_VERSION", "15\n"), dir("./base/1/"),
                file("./base/1/1259", "heap"), link("./pg_tblspc/16385", "/srv/ts1")));
        Path out = tmp.resolve("out");
        Layout layout = new Layout(OutputFiles.outside(List.of(tar)));
        Map<String, String> links = layout.extract(tar, out);
        assertThat(out.resolve("PG_VERSION")).hasContent("15");
        assertThat(out.resolve("base/1/1259")).hasContent("heap");
        assertThat(out.resolve("pg_tblspc/16385")).doesNotExist();
        assertThat(links).containsExactly(Map.entry("16385", "/srv/ts1"));
        assertThat(layout.files()).isEqualTo(2);
        assertThat(layout.bytes()).isEqualTo(7);
    }

    @Test
    void refusesAnEntryThatClimbsOutOfItsDirectory() throws Exception {
        Path tar = tar("base.tar", List.of(file("./PG_VERSION", "15\n"), file("../escaped", "x")));
        assertRefused(tar, "'../escaped'", "leaves its directory");
        assertThat(tmp.resolve("escaped")).doesNotExist();
    }

    @Test
    void refusesAnAbsoluteEntry() throws Exception {
        assertRefused(tar("base.tar", List.of(file("/etc/evil", "x"))), "'/etc/evil'", "absolute");
    }

    @Test
    void refusesASymbolicLinkOutsidePgTblspc() throws Exception {
        assertRefused(tar("base.tar", List.of(link("./global", "/etc"))), "symbolic link to /etc", "global");
    }

    @Test
    void refusesAHardLink() throws Exception {
        TarArchiveEntry hard = new TarArchiveEntry("./PG_VERSION", TarConstants.LF_LINK);
        hard.setLinkName("/etc/passwd");
        assertRefused(tar("base.tar", List.of(new Entry(hard, null))), "hard link to /etc/passwd", "PG_VERSION");
    }

    @Test
    void entryNamesLoseTheirDotSlashAndTrailingSlash() {
        assertThat(Layout.entryName(tmp, "./base/1/")).isEqualTo("base/1");
        assertThat(Layout.entryName(tmp, "./")).isEmpty();
        assertThatThrownBy(() -> Layout.entryName(tmp, "base//x")).isInstanceOf(RecoveryException.class);
        assertThatThrownBy(() -> Layout.entryName(tmp, "base/./x")).isInstanceOf(RecoveryException.class);
    }

    private void assertRefused(Path tar, String... parts) {
        Path out = tmp.resolve("out-" + tar.getFileName());
        assertThatThrownBy(() -> new Layout(OutputFiles.outside(List.of(tar))).extract(tar, out))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
                    assertThat(e.getMessage()).contains(parts).contains("refused");
                });
    }

    private record Entry(TarArchiveEntry entry, byte[] content) {
    }

    private static Entry dir(String name) {
        return new Entry(new TarArchiveEntry(name), null);
    }

    private static Entry file(String name, String content) {
        // preserveAbsolutePath: write the name as given, as a hostile tool would
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        e.setSize(b.length);
        return new Entry(e, b);
    }

    private static Entry link(String name, String to) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(to);
        return new Entry(e, null);
    }

    private Path tar(String name, List<Entry> entries) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream raw = Files.newOutputStream(p);
             OutputStream z = name.endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
             TarArchiveOutputStream t = new TarArchiveOutputStream(z)) {
            for (Entry e : entries) {
                t.putArchiveEntry(e.entry());
                if (e.content() != null) {
                    t.write(e.content());
                }
                t.closeArchiveEntry();
            }
        }
        return p;
    }
}
