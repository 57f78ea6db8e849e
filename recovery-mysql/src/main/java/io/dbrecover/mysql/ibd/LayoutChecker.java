package io.dbrecover.mysql.ibd;

import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/** Checks a table definition against the leaf records of the clustered index, and names where it breaks. */
final class LayoutChecker {
    private static final int MAX_UNKNOWN_LENGTH = 16;

    private LayoutChecker() {
    }

    static LayoutCheck check(TablespaceFile file, TableDefinition definition, int maxRecords) {
        TablespaceInfo info = Tablespaces.inspect(file);
        List<String> notes = new ArrayList<>();
        String skip = null;
        if (info.rowFormat() == RowFormat.COMPRESSED) {
            skip = "ROW_FORMAT=COMPRESSED pages are not decoded here: the definition was not checked against records";
        } else if (info.mysql8()) {
            skip = "a MySQL 8 tablespace: the definition was not checked against records";
        } else if (info.encrypted()) {
            skip = "an encrypted tablespace: the definition was not checked against records";
        }
        if (skip != null) {
            notes.add(skip);
            return new LayoutCheck(true, 0, null, notes, false, null);
        }
        boolean redundant = info.rowFormat() == RowFormat.REDUNDANT;
        RecordLayout layout = RecordLayout.of(definition, redundant);
        notes.addAll(layout.notes());
        if (layout.unsupported() != null) {
            notes.add(layout.unsupported() + ": the definition was not checked against records");
            return new LayoutCheck(true, 0, null, notes, false, null);
        }
        IndexPage root = LeafWalk.decodableRoot(file, notes, "the definition was not checked against records");
        if (root == null) {
            return new LayoutCheck(true, 0, null, notes, false, null);
        }
        boolean instant = root.type() == TablespaceFile.TYPE_INSTANT;
        int core = layout.fields().size();
        if (instant) {
            core = root.instantCoreFields();
            if (!Bytes.ascii(root.page, root.infimum(), "infimum")) {
                notes.add("columns were dropped or reordered with instant ALTER (MariaDB 10.4+): the stored field "
                        + "order is in a metadata record not decoded here, so the definition was not checked "
                        + "against records");
                return new LayoutCheck(true, 0, null, notes, false, null);
            }
            notes.add("the table was altered with MariaDB instant ADD/DROP COLUMN: records created before it store "
                    + core + " fields");
            if (core > layout.fields().size()) {
                return new LayoutCheck(false, 0, "the file's records store at least " + core
                        + " fields, the definition implies only " + layout.fields().size()
                        + ": a column is missing from the definition", notes, true, null);
            }
            if (core < layout.keyFields() + 2) {
                notes.add("the instant ALTER metadata on the root page is damaged: not checked");
                return new LayoutCheck(true, 0, null, notes, false, null);
            }
        }
        LeafWalk walk;
        try {
            walk = LeafWalk.start(file, root, layout, core);
        } catch (LeafWalk.LayoutBreak e) {
            return new LayoutCheck(false, 0, "the clustered key of the definition (" + keyText(definition, layout)
                    + ") does not fit the node pointers of the file: " + e.getMessage(), notes, true, null);
        }
        int checked = 0;
        boolean ext20 = false;
        boolean ext788 = false;
        do {
            IndexPage page = walk.current();
            PageFit fit = PageFit.evaluate(page, layout.fields(), layout.keyFields(), core, instant);
            if (fit.instantDropped()) {
                notes.add("columns were dropped or reordered with instant ALTER: the stored field order is in a "
                        + "metadata record not decoded here, so the definition was not checked against records");
                return new LayoutCheck(true, 0, null, notes, false, null);
            }
            if (!fit.fits()) {
                String why = diagnose(page, layout, core, instant);
                return new LayoutCheck(false, checked, why != null ? why
                        : describe(layout.fields(), fit.errorField(), fit.error()), notes, true, null);
            }
            checked += fit.records();
            ext20 |= fit.external20();
            ext788 |= fit.external788();
        } while (checked < maxRecords && walk.advance(notes));
        RowFormat stored = redundant ? RowFormat.REDUNDANT
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
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        StringBuilder text = new StringBuilder("the hidden row id: no PRIMARY KEY and no UNIQUE key over NOT NULL "
                + "columns");
        for (io.dbrecover.mysql.model.Index index : definition.indexes()) {
            if (index.kind() != io.dbrecover.mysql.model.IndexKind.UNIQUE) {
                continue;
            }
            for (io.dbrecover.mysql.model.IndexPart part : index.parts()) {
                if (definition.column(part.column()).map(c -> c.nullable()).orElse(false)) {
                    text.append("; column `").append(part.column()).append("` of UNIQUE key `").append(index.name())
                            .append("` is nullable");
                }
            }
        }
        return text.toString();
    }

    /** Tries single edits of the field list; the first that makes the page fit names the broken column. */
    private static String diagnose(IndexPage page, RecordLayout layout, int core, boolean instant) {
        List<StoredField> fields = layout.fields();
        int key = layout.keyFields();
        for (int i = 0; i < fields.size(); i++) {
            StoredField f = fields.get(i);
            boolean inKey = i < key;
            if (!f.system()) {
                List<StoredField> without = new ArrayList<>(fields);
                without.remove(i);
                if (fits(page, without, inKey ? key - 1 : key, core, instant)) {
                    return "column `" + f.name() + "` (" + f.typeText() + ") is in the definition but not in the "
                            + "file: the records fit without it";
                }
                if (!inKey) {
                    List<StoredField> toggled = new ArrayList<>(fields);
                    toggled.set(i, f.withNullable(!f.nullable()));
                    if (fits(page, toggled, key, core, instant)) {
                        return "column `" + f.name() + "`: the definition says " + (f.nullable() ? "NULL" : "NOT NULL")
                                + " but the file stores it as " + (f.nullable() ? "NOT NULL" : "NULL");
                    }
                }
                if (f.fixed()) {
                    for (int len = 1; len <= MAX_UNKNOWN_LENGTH; len++) {
                        if (len == f.fixedLength()) {
                            continue;
                        }
                        List<StoredField> resized = new ArrayList<>(fields);
                        resized.set(i, f.withFixedLength(len));
                        if (fits(page, resized, key, core, instant)) {
                            return "column `" + f.name() + "`: the file stores " + len + " bytes, " + f.typeText()
                                    + " takes " + f.fixedLength();
                        }
                    }
                }
            }
            if (i + 1 >= key + 2) {
                String after = inserted(page, fields, i + 1, key, core, instant);
                if (after != null) {
                    return after;
                }
            }
        }
        return null;
    }

    /** Tries an extra field the definition lacks at this position. */
    private static String inserted(IndexPage page, List<StoredField> fields, int at, int key, int core,
                                   boolean instant) {
        String where = "after column `" + fields.get(at - 1).name() + "`";
        if (at == key + 2) {
            where = at < fields.size() ? "before column `" + fields.get(at).name() + "`" : "after the key";
        }
        for (boolean nullable : new boolean[] {false, true}) {
            List<StoredField> more = new ArrayList<>(fields);
            more.add(at, StoredField.unknownVariable(nullable));
            if (fits(page, more, key, core + 1, instant)) {
                return "the file stores a variable-length column " + where + " that the definition lacks";
            }
            for (int len = 1; len <= MAX_UNKNOWN_LENGTH; len++) {
                more.set(at, StoredField.unknownFixed(len, nullable));
                if (fits(page, more, key, core + 1, instant)) {
                    return "the file stores a " + len + "-byte column " + where + " that the definition lacks";
                }
            }
        }
        return null;
    }

    private static boolean fits(IndexPage page, List<StoredField> fields, int key, int core, boolean instant) {
        int coreFields = instant ? core : fields.size();
        return PageFit.evaluate(page, fields, key, coreFields, instant).fits();
    }
}
