package io.dbrecover.mysql.ibd;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the leftmost leaf of the clustered index (root → first node pointer → … → leaf) and follows the leaf
 * chain; every page number is checked against the file and against pages already visited.
 */
final class LeafWalk {
    private static final int MAX_LEVELS = 32;

    private final TablespaceFile file;
    private final long indexId;
    private final Set<Long> visited = new HashSet<>();
    private IndexPage current;

    private LeafWalk(TablespaceFile file, long indexId, IndexPage leaf) {
        this.file = file;
        this.indexId = indexId;
        this.current = leaf;
    }

    /** The root page of the clustered index (page 3 in a MariaDB file-per-table tablespace). */
    static IndexPage root(TablespaceFile file) {
        long rootNo = 3;
        IndexPage root = new IndexPage(file.logical(rootNo), rootNo);
        if (!root.isIndex()) {
            throw TablespaceFile.corrupt(file.path(), "has no index root on page " + rootNo + " (page type "
                    + root.type() + ")", "the clustered index root is damaged; the file cannot be imported as is");
        }
        return root;
    }

    /**
     * The clustered index root, or {@code null} (with a note ending in {@code consequence}) when its pages are in a
     * format not decoded here; damage still throws.
     */
    static IndexPage decodableRoot(TablespaceFile file, List<String> notes, String consequence) {
        try {
            return root(file);
        } catch (RecoveryException e) {
            if (e.code() != ErrorCode.UNSUPPORTED_FORMAT) {
                throw e;
            }
            notes.add(e.getMessage() + ": " + consequence);
            return null;
        }
    }

    /**
     * Descends from the root to the leftmost leaf with the layout's key fields (and the null-bitmap size of node
     * pointers, which MariaDB instant ALTER may fix on the root page).
     */
    static LeafWalk start(TablespaceFile file, IndexPage root, RecordLayout layout) {
        IndexPage page = root;
        for (int depth = 0; page.level() > 0; depth++) {
            if (depth >= MAX_LEVELS) {
                throw TablespaceFile.corrupt(file.path(), "has an index deeper than " + MAX_LEVELS + " levels",
                        "the index pages are damaged");
            }
            List<Integer> records = page.userRecords();
            if (records.isEmpty()) {
                throw TablespaceFile.corrupt(file.path(), "has an empty node page " + page.pageNo,
                        "the index pages are damaged");
            }
            IndexRecord node = page.decode(records.get(0), layout, false);
            if (!node.ok()) {
                throw new LayoutBreak("node pointer on page " + page.pageNo + ": " + node.error(), node.errorField());
            }
            long child = Bytes.u32(page.page, node.dataEnd() - 4);
            if (child >= file.pageCount()) {
                throw new LayoutBreak("node pointer on page " + page.pageNo + " names page " + child
                        + " beyond the end of the file: the key columns do not fit", layout.keyFields() - 1);
            }
            IndexPage next = new IndexPage(file.logical(child), child);
            if (!next.isIndex() || next.indexId() != page.indexId() || next.level() != page.level() - 1) {
                throw new LayoutBreak("node pointer on page " + page.pageNo + " names page " + child
                        + ", which is no child of it: the key columns do not fit", layout.keyFields() - 1);
            }
            page = next;
        }
        return new LeafWalk(file, root.indexId(), page);
    }

    IndexPage current() {
        return current;
    }

    /** Moves to the next leaf; false at the end of the chain or when the chain is damaged (then why is noted). */
    boolean advance(List<String> notes) {
        visited.add(current.pageNo);
        long next = current.next();
        if (next == IndexPage.FIL_NULL) {
            return false;
        }
        if (next >= file.pageCount() || visited.contains(next) || visited.size() >= file.pageCount()) {
            notes.add("the leaf chain breaks after page " + current.pageNo + " (next page " + next + ")");
            return false;
        }
        IndexPage page;
        try {
            page = new IndexPage(file.logical(next), next);
        } catch (RecoveryException e) {
            notes.add("leaf page " + next + " is unreadable: " + e.getMessage());
            return false;
        }
        if (!page.isIndex() || page.indexId() != indexId || page.level() != 0) {
            notes.add("the leaf chain leads from page " + current.pageNo + " to page " + next
                    + ", which is no leaf of the clustered index");
            return false;
        }
        current = page;
        return true;
    }

    /** A layout that does not fit the node pointers of the index. */
    static final class LayoutBreak extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int field;

        LayoutBreak(String message, int field) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
