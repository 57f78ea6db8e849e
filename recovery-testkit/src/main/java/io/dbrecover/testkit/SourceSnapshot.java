package io.dbrecover.testkit;

import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ProgressListener;
import io.dbrecover.core.api.SourceInventory;
import io.dbrecover.core.workspace.Inventories;
import java.nio.file.Path;
import java.util.List;

/**
 * A snapshot of a source tree, for the rule that every test which recovers from a source asserts the source is
 * byte-identical afterwards.
 */
public final class SourceSnapshot {
    private final Path root;
    private final SourceInventory before;

    private SourceSnapshot(Path root, SourceInventory before) {
        this.root = root;
        this.before = before;
    }

    public static SourceSnapshot of(Path root) {
        return new SourceSnapshot(root, Inventories.take(root, ProgressListener.NONE));
    }

    /** Compares the tree now with the snapshot. */
    public InventoryVerdict compareNow() {
        return Inventories.compare(List.of(before), List.of(Inventories.take(root, ProgressListener.NONE)));
    }

    public int fileCount() {
        return before.files().size();
    }
}
