package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.Index;
import io.dbrecover.mysql.model.IndexKind;
import io.dbrecover.mysql.model.IndexPart;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Checks a table definition against the leaf records of the clustered index, and names where it breaks. */
final class LayoutChecker {
    private static final int MAX_UNKNOWN_LENGTH = 16;
    private static final String NOT_CHECKED = "the definition was not checked against records";

    private LayoutChecker() {
    }

    static LayoutCheck check(TablespaceFile file, TableDefinition definition, int maxRecords) {
        TablespaceInfo info = Tablespaces.inspect(file);
        List<String> notes = new ArrayList<>();
        String skip = null;
        if (info.mysql8()) {
            skip = "a MySQL 8 tablespace: the definition was not checked against records";
        } else if (info.encrypted()) {
            skip = "an encrypted tablespace: the definition was not checked against records";
        }
        if (skip != null) {
            notes.add(skip);
            return new LayoutCheck(true, 0, null, notes, false, null);
        }
        boolean redundant = info.rowFormat() == RowFormat.REDUNDANT;
        RecordLayout naive = RecordLayout.of(definition, redundant);
        notes.addAll(naive.notes());
        if (naive.unsupported() != null) {
            notes.add(naive.unsupported() + ": " + NOT_CHECKED);
            return new LayoutCheck(true, 0, null, notes, false, null);
        }
        IndexPage root = LeafWalk.decodableRoot(file, notes, NOT_CHECKED);
        if (root == null) {
            return new LayoutCheck(true, 0, null, notes, false, null);
        }
        InstantMetadata.Resolved resolved;
        try {
            resolved = InstantMetadata.resolve(file, root, naive, notes, NOT_CHECKED);
        } catch (LeafWalk.LayoutBreak e) {
            return new LayoutCheck(false, 0, "the clustered key of the definition (" + keyText(definition, naive)
                    + ") does not fit the node pointers of the file: " + e.getMessage(), notes, true, null);
        }
        if (resolved == null) {
            return new LayoutCheck(true, 0, null, notes, false, null);
        }
        RecordLayout layout = resolved.layout();
        LeafWalk walk = resolved.walk();
        if (resolved.mismatch() != null) {
            String why = diagnose(walk.current(), layout);
            return new LayoutCheck(false, 0, why != null ? why : resolved.mismatch(), notes, true, null);
        }
        int checked = 0;
        boolean ext20 = false;
        boolean ext788 = false;
        do {
            IndexPage page = walk.current();
            PageFit fit = PageFit.evaluate(page, layout);
            if (fit.instantDropped()) {
                notes.add("a metadata record says columns were dropped or reordered with instant ALTER, but the "
                        + "root page does not: " + NOT_CHECKED);
                return new LayoutCheck(true, 0, null, notes, false, null);
            }
            if (!fit.fits()) {
                String why = diagnose(page, layout);
                return new LayoutCheck(false, checked, why != null ? why
                        : describe(layout.fields(), fit.errorField(), fit.error()), notes, true, null);
            }
            checked += fit.records();
            ext20 |= fit.external20();
            ext788 |= fit.external788();
        } while (checked < maxRecords && walk.advance(notes));
        RowFormat stored = redundant ? RowFormat.REDUNDANT : info.rowFormat() == RowFormat.COMPRESSED
                ? RowFormat.COMPRESSED
                : ext20 && !ext788 ? RowFormat.DYNAMIC : ext788 && !ext20 ? RowFormat.COMPACT : null;
        if (checked == 0) {
            notes.add("the clustered index holds no records: nothing to check the definition against");
            return new LayoutCheck(true, 0, null, notes, false, stored);
        }
        return new LayoutCheck(true, checked, null, notes, true, stored);
    }

    private static String describe(List<StoredField> fields, int field, String error) {
        int named = error.indexOf("column `");
        if (named > 2) {
            return error.substring(named) + " (" + error.substring(0, named - 2) + ")";
        }
        if (field >= 0 && field < fields.size() && !fields.get(field).system()) {
            return "column `" + fields.get(field).name() + "`: " + error;
        }
        return "the records do not fit the definition: " + error;
    }

    /** The clustered key as the definition implies it, with why a UNIQUE key does not qualify. */
    private static String keyText(TableDefinition definition, RecordLayout layout) {
        if (!layout.keyColumns().isEmpty()) {
            return layout.keyColumns().stream().map(c -> "`" + c + "`")
                    .collect(Collectors.joining(", "));
        }
        StringBuilder text = new StringBuilder("the hidden row id: no PRIMARY KEY and no UNIQUE key over NOT NULL "
                + "columns");
        for (Index index : definition.indexes()) {
            if (index.kind() != IndexKind.UNIQUE) {
                continue;
            }
            for (IndexPart part : index.parts()) {
                if (definition.column(part.column()).map(c -> c.nullable()).orElse(false)) {
                    text.append("; column `").append(part.column()).append("` of UNIQUE key `").append(index.name())
                            .append("` is nullable");
                }
            }
        }
        return text.toString();
    }

    /**
     * Tries single edits of the definition's stored columns (key columns stay, the node pointers fit them); the
     * first edit that makes the page fit names the broken column.
     */
    private static String diagnose(IndexPage page, RecordLayout layout) {
        List<StoredField> columns = layout.columns();
        String before = inserted(page, layout, 0);
        if (before != null) {
            return before;
        }
        for (int i = 0; i < columns.size(); i++) {
            StoredField f = columns.get(i);
            if (f.column() != null && !layout.wholeInKey(f)) {
                String edit = edited(page, layout, i);
                if (edit != null) {
                    return edit;
                }
            }
            String after = inserted(page, layout, i + 1);
            if (after != null) {
                return after;
            }
        }
        return null;
    }

    /** Removes, toggles the nullability of, or resizes one stored column. */
    private static String edited(IndexPage page, RecordLayout layout, int i) {
        List<StoredField> columns = layout.columns();
        StoredField f = columns.get(i);
        List<StoredField> without = new ArrayList<>(columns);
        without.remove(i);
        if (fits(page, layout, without)) {
            return "column `" + f.name() + "` (" + f.typeText() + ") is in the definition but not in the file: the "
                    + "records fit without it";
        }
        List<StoredField> toggled = new ArrayList<>(columns);
        toggled.set(i, f.withNullable(!f.nullable()));
        if (fits(page, layout, toggled)) {
            return "column `" + f.name() + "`: the definition says " + (f.nullable() ? "NULL" : "NOT NULL")
                    + " but the file stores it as " + (f.nullable() ? "NOT NULL" : "NULL");
        }
        if (f.fixed()) {
            for (int len = 1; len <= MAX_UNKNOWN_LENGTH; len++) {
                if (len == f.fixedLength()) {
                    continue;
                }
                List<StoredField> resized = new ArrayList<>(columns);
                resized.set(i, f.withFixedLength(len));
                if (fits(page, layout, resized)) {
                    return "column `" + f.name() + "`: the file stores " + len + " bytes, " + f.typeText()
                            + " takes " + f.fixedLength();
                }
            }
        }
        return null;
    }

    /** Tries an extra column the definition lacks at this position of its stored columns. */
    private static String inserted(IndexPage page, RecordLayout layout, int at) {
        List<StoredField> columns = layout.columns();
        String where;
        if (layout.fieldMapped()) {
            where = at > 0 ? "after column `" + columns.get(at - 1).name() + "`"
                    : columns.isEmpty() ? "after the key" : "before column `" + columns.get(0).name() + "`";
        } else {
            // Without a field map a column lands among the non-key columns whichever key columns surround it:
            // try each place once and name it by its non-key neighbours.
            if (at > 0 && layout.wholeInKey(columns.get(at - 1))) {
                return null;
            }
            where = "after the key";
            for (int i = at - 1; i >= 0 && where.equals("after the key"); i--) {
                if (!layout.wholeInKey(columns.get(i))) {
                    where = "after column `" + columns.get(i).name() + "`";
                }
            }
            for (int i = at; i < columns.size() && where.equals("after the key"); i++) {
                if (!layout.wholeInKey(columns.get(i))) {
                    where = "before column `" + columns.get(i).name() + "`";
                }
            }
        }
        for (boolean nullable : new boolean[] {false, true}) {
            List<StoredField> more = new ArrayList<>(columns);
            more.add(at, StoredField.unknownVariable(nullable));
            if (fits(page, layout, more)) {
                return "the file stores a variable-length column " + where + " that the definition lacks";
            }
            for (int len = 1; len <= MAX_UNKNOWN_LENGTH; len++) {
                more.set(at, StoredField.unknownFixed(len, nullable));
                if (fits(page, layout, more)) {
                    return "the file stores a " + len + "-byte column " + where + " that the definition lacks";
                }
            }
        }
        return null;
    }

    private static boolean fits(IndexPage page, RecordLayout layout, List<StoredField> columns) {
        RecordLayout.Mapping mapping = layout.withColumns(columns);
        return mapping.problem() == null && PageFit.evaluate(page, mapping.layout()).fits();
    }
}
