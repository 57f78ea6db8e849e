package io.dbrecover.mysql.ibd;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.TableDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every live row of a tablespace's clustered index, decoded with a table definition, in the index's order (the
 * clustered key, or the hidden row id): the reader's side of the proof that a server reads an imported file as
 * written. Rows are streamed one at a time, page by page, so memory does not grow with the file; values longer
 * than {@link #LARGE} bytes come as a {@link LargeValue}.
 *
 * <p>Values are in the exact form of {@link #forms()}, one per column of {@link #columns()}: the table's stored
 * columns in declaration order, except those listed by {@link #notDecoded()}. Delete-marked records (deleted, not
 * yet purged) are left out, as the server leaves them out.
 */
public final class FileRows implements AutoCloseable {
    /** Values longer than this many bytes are compared by length and SHA-256. */
    public static final long LARGE = 1L << 20;

    private final TablespaceFile file;
    private final List<Column> columns = new ArrayList<>();
    private final List<ValueForm> forms = new ArrayList<>();
    private final Map<String, String> notDecoded = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private String unsupported;
    private RecordLayout layout;
    private LeafWalk walk;
    private int[] fieldOf;
    private ValueDecoder decoder;
    private Object[] defaults;
    private List<Integer> pending = List.of();
    private int next;
    private boolean ended;
    private boolean complete;
    private long rows;

    private FileRows(TablespaceFile file) {
        this.file = file;
    }

    /**
     * Opens the file and positions before its first row.
     *
     * @throws RecoveryException {@code CORRUPT_INPUT} when the file is damaged, {@code VERIFICATION_FAILED} when
     *         the definition does not fit its records
     */
    public static FileRows open(Path ibd, TableDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        TablespaceFile file = TablespaceFile.open(ibd);
        FileRows rows = new FileRows(file);
        try {
            rows.start(definition);
            return rows;
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private void start(TableDefinition definition) {
        TablespaceInfo info = Tablespaces.inspect(file);
        if (info.mysql8() || info.encrypted()) {
            unsupported = "the " + (info.mysql8() ? "MySQL 8" : "encrypted") + " pages are not decoded here";
            return;
        }
        RecordLayout naive = RecordLayout.of(definition, info.rowFormat() == RowFormat.REDUNDANT);
        if (naive.unsupported() != null) {
            unsupported = naive.unsupported();
            return;
        }
        IndexPage root = LeafWalk.decodableRoot(file, notes, "no row decoded");
        if (root == null) {
            unsupported = String.join(" ", notes);
            return;
        }
        InstantMetadata.Resolved resolved;
        try {
            resolved = InstantMetadata.resolve(file, root, naive, notes, "no row decoded");
        } catch (LeafWalk.LayoutBreak e) {
            throw misfit(e.getMessage());
        }
        if (resolved == null) {
            unsupported = String.join(" ", notes);
            return;
        }
        if (resolved.mismatch() != null) {
            throw misfit(resolved.mismatch());
        }
        layout = resolved.layout();
        walk = resolved.walk();
        List<Integer> fields = new ArrayList<>();
        for (Column c : definition.columns()) {
            if (c.generated() != null && !c.generated().stored()) {
                continue;
            }
            ValueForm form = ValueForm.of(c);
            if (form == null) {
                notDecoded.put(c.name(), ValueForm.whyNot(c));
                continue;
            }
            int field = -1;
            for (int i = 0; i < layout.fields().size() && field < 0; i++) {
                StoredField f = layout.fields().get(i);
                if (!f.prefix() && f.column() != null && f.column().name().equalsIgnoreCase(c.name())) {
                    field = i;
                }
            }
            if (field < 0) {
                notDecoded.put(c.name(), "not among the stored fields");
                continue;
            }
            columns.add(c);
            forms.add(form);
            fields.add(field);
        }
        fieldOf = fields.stream().mapToInt(Integer::intValue).toArray();
        decoder = new ValueDecoder(file, LARGE);
        pending = walk.current().userRecords();
    }

    private RecoveryException misfit(String why) {
        return RecoveryException.of(ErrorCode.VERIFICATION_FAILED, file.path() + ": the definition does not fit the "
                + "file's records: " + why).path(file.path())
                .hint("check the table's definition (.frm or RecoverRequest.ddl) against the file").build();
    }

    /** The columns whose values {@link #next()} returns, in that order. */
    public List<Column> columns() {
        return Collections.unmodifiableList(columns);
    }

    /** The clustered key's columns, the rows' order; empty for rows ordered by the hidden row id. */
    public List<String> keyColumns() {
        return layout == null ? List.of() : layout.keyColumns();
    }

    /** The form of each column's values. */
    public List<ValueForm> forms() {
        return Collections.unmodifiableList(forms);
    }

    /** Stored columns whose values are not decoded, with why. */
    public Map<String, String> notDecoded() {
        return Collections.unmodifiableMap(notDecoded);
    }

    /** Why no row at all can be decoded (a MySQL 8 or encrypted file, a type of unknown storage), or {@code null}. */
    public String unsupported() {
        return unsupported;
    }

    /** Facts met on the way (a broken leaf chain, instant ALTER metadata). */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** Whether the walk reached the last leaf of the index (so every row was returned); valid after the end. */
    public boolean complete() {
        return complete;
    }

    /** Rows returned so far. */
    public long rows() {
        return rows;
    }

    /**
     * The next live row's values, or {@code null} after the last one.
     *
     * @throws RecoveryException {@code VERIFICATION_FAILED} when a record does not fit the definition,
     *         {@code CORRUPT_INPUT} when its off-page data is damaged
     */
    public Object[] next() {
        if (unsupported != null || ended) {
            return null;
        }
        while (true) {
            while (next < pending.size()) {
                IndexPage page = walk.current();
                int origin = pending.get(next++);
                IndexRecord r = page.decode(origin, layout, true);
                if (!r.ok()) {
                    throw misfit("page " + page.pageNo + ", record at offset " + origin + ": " + r.error());
                }
                if (layout.instant() != null && r.minimum()) {
                    // the metadata record holds the values of instantly added columns for older records
                    defaults = values(page, r);
                    continue;
                }
                if (r.deleted()) {
                    continue;
                }
                rows++;
                return values(page, r);
            }
            int before = notes.size();
            if (!walk.advance(notes)) {
                ended = true;
                complete = notes.size() == before;
                return null;
            }
            pending = walk.current().userRecords();
            next = 0;
        }
    }

    private Object[] values(IndexPage page, IndexRecord r) {
        Object[] values = new Object[fieldOf.length];
        for (int i = 0; i < values.length; i++) {
            int field = fieldOf[i];
            if (field >= r.fieldCount()) {
                values[i] = defaults == null ? null : defaults[i];
                continue;
            }
            int len = r.lengths()[field];
            if (len < 0) {
                values[i] = null;
                continue;
            }
            byte[] bytes = Arrays.copyOfRange(page.page, r.offsets()[field], r.offsets()[field] + len);
            values[i] = decoder.decode(layout.fields().get(field), bytes, r.external()[field]);
        }
        return values;
    }

    @Override
    public void close() {
        file.close();
    }
}
