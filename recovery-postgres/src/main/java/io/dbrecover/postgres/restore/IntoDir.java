package io.dbrecover.postgres.restore;

import io.dbrecover.core.workspace.OutputFiles;
import io.dbrecover.core.workspace.RunDirectory;
import java.nio.file.Path;
import java.util.List;

/** An output directory of a restore or check: new or empty, neither inside a source nor holding one. */
final class IntoDir {
    private IntoDir() {
    }

    static void check(Path out, List<Path> sources, String field) {
        RunDirectory.check(OutputFiles.outside(sources), out, field, false);
    }
}
