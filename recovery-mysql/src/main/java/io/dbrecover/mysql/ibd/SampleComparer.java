package io.dbrecover.mysql.ibd;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.TableDefinition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Decodes the first rows of the clustered index and compares them with the server's rows in the same order. */
final class SampleComparer {
    private SampleComparer() {
    }

    static SampleCheck compare(Connection connection, String database, String table, TablespaceFile file,
                               TableDefinition definition, int n) {
        List<String> notes = new ArrayList<>();
        TablespaceInfo info = Tablespaces.inspect(file);
        if (info.mysql8() || info.encrypted()) {
            notes.add("the " + (info.mysql8() ? "MySQL 8" : "encrypted") + " pages are not decoded here: nothing "
                    + "compared");
            return new SampleCheck(0, true, null, notes);
        }
        RecordLayout naive = RecordLayout.of(definition, info.rowFormat() == RowFormat.REDUNDANT);
        if (naive.unsupported() != null) {
            notes.add(naive.unsupported() + ": nothing compared");
            return new SampleCheck(0, true, null, notes);
        }
        IndexPage root = LeafWalk.decodableRoot(file, notes, "nothing compared");
        if (root == null) {
            return new SampleCheck(0, true, null, notes);
        }
        InstantMetadata.Resolved resolved;
        try {
            resolved = InstantMetadata.resolve(file, root, naive, notes, "nothing compared");
        } catch (LeafWalk.LayoutBreak e) {
            return new SampleCheck(0, false, "the definition does not fit the file: " + e.getMessage(), notes);
        }
        if (resolved == null) {
            return new SampleCheck(0, true, null, notes);
        }
        if (resolved.mismatch() != null) {
            return new SampleCheck(0, false, "the definition does not fit the file: " + resolved.mismatch(), notes);
        }
        RecordLayout layout = resolved.layout();
        // Which stored fields are compared, and with which server expression.
        List<Integer> fieldIndexes = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < layout.fields().size(); i++) {
            StoredField f = layout.fields().get(i);
            if (f.system() || f.prefix()) {
                continue;
            }
            String expression = ValueDecoder.serverExpression(f.column());
            if (expression == null) {
                skipped.add(f.name());
                continue;
            }
            fieldIndexes.add(i);
            expressions.add(expression);
        }
        if (!skipped.isEmpty()) {
            notes.add("not compared (no exact canonical form here): " + String.join(", ", skipped));
        }
        if (expressions.isEmpty()) {
            notes.add("no column can be compared");
            return new SampleCheck(0, true, null, notes);
        }
        List<String[]> fileRows;
        try {
            fileRows = decodeRows(file, layout, resolved.walk(), fieldIndexes, n, notes);
        } catch (LeafWalk.LayoutBreak e) {
            return new SampleCheck(0, false, "the definition does not fit the file: " + e.getMessage(), notes);
        }
        String sql = "SELECT " + String.join(", ", expressions) + " FROM " + quote(database) + "." + quote(table)
                + (layout.keyColumns().isEmpty() ? "" : " ORDER BY " + layout.keyColumns().stream()
                .map(SampleComparer::quote).collect(Collectors.joining(", "))) + " LIMIT " + n;
        List<String[]> serverRows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String[] row = new String[expressions.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 1);
                }
                serverRows.add(row);
            }
        } catch (SQLException e) {
            throw RecoveryException.of(ErrorCode.VERIFICATION_FAILED, "cannot read the sample of " + database + "."
                    + table + " from the server: " + e.getMessage()).cause(e)
                    .hint("the table must be imported and readable").build();
        }
        int rows = Math.min(fileRows.size(), serverRows.size());
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < fieldIndexes.size(); i++) {
                Column c = layout.fields().get(fieldIndexes.get(i)).column();
                String a = fileRows.get(r)[i];
                String b = serverRows.get(r)[i];
                if (!ValueDecoder.same(c, a, b)) {
                    return new SampleCheck(r, false, "row " + (r + 1) + ", column `" + c.name() + "`: the file "
                            + "holds " + show(a) + ", the server returns " + show(b), notes);
                }
            }
        }
        if (fileRows.size() != serverRows.size()) {
            return new SampleCheck(rows, false, "the file holds " + fileRows.size() + " of the first " + n
                    + " rows, the server returns " + serverRows.size(), notes);
        }
        return new SampleCheck(rows, true, null, notes);
    }

    /**
     * The first {@code n} live rows as decoded from the file, for the compared columns in stored order (tests and
     * diagnostics).
     */
    static List<String[]> decodeOnly(TablespaceFile file, TableDefinition definition, int n) {
        TablespaceInfo info = Tablespaces.inspect(file);
        if (info.mysql8() || info.encrypted()) {
            return List.of();
        }
        RecordLayout naive = RecordLayout.of(definition, info.rowFormat() == RowFormat.REDUNDANT);
        List<String> notes = new ArrayList<>();
        try {
            InstantMetadata.Resolved resolved = InstantMetadata.resolve(file, LeafWalk.root(file), naive, notes,
                    "nothing decoded");
            if (resolved == null || resolved.mismatch() != null) {
                return List.of();
            }
            RecordLayout layout = resolved.layout();
            List<Integer> fieldIndexes = new ArrayList<>();
            for (int i = 0; i < layout.fields().size(); i++) {
                StoredField f = layout.fields().get(i);
                if (!f.system() && !f.prefix() && ValueDecoder.serverExpression(f.column()) != null) {
                    fieldIndexes.add(i);
                }
            }
            return decodeRows(file, layout, resolved.walk(), fieldIndexes, n, notes);
        } catch (LeafWalk.LayoutBreak e) {
            throw TablespaceFile.corrupt(file.path(), "has records that do not fit the definition: "
                    + e.getMessage(), "check the definition with Tablespaces.checkLayout");
        }
    }

    private static String show(String value) {
        if (value == null) {
            return "NULL";
        }
        return "'" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "'";
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static List<String[]> decodeRows(TablespaceFile file, RecordLayout layout, LeafWalk walk,
                                             List<Integer> fieldIndexes, int n, List<String> notes) {
        ValueDecoder decoder = new ValueDecoder(file);
        boolean instant = layout.instant() != null;
        List<String[]> rows = new ArrayList<>();
        String[] defaults = null;
        do {
            IndexPage page = walk.current();
            for (int origin : page.userRecords()) {
                if (rows.size() >= n) {
                    return rows;
                }
                IndexRecord r = page.decode(origin, layout, true);
                if (!r.ok()) {
                    throw new LeafWalk.LayoutBreak("page " + page.pageNo + ", record at offset " + origin + ": "
                            + r.error(), r.errorField());
                }
                String[] values = values(page, r, layout, fieldIndexes, decoder, defaults, notes);
                if (instant && r.minimum()) {
                    // The metadata record holds the defaults of instantly added columns.
                    defaults = values;
                    continue;
                }
                if (r.deleted()) {
                    continue;
                }
                rows.add(values);
            }
        } while (rows.size() < n && walk.advance(notes));
        return rows;
    }

    private static String[] values(IndexPage page, IndexRecord r, RecordLayout layout, List<Integer> fieldIndexes,
                                   ValueDecoder decoder, String[] defaults, List<String> notes) {
        String[] values = new String[fieldIndexes.size()];
        for (int i = 0; i < values.length; i++) {
            int field = fieldIndexes.get(i);
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
            try {
                values[i] = decoder.decode(layout.fields().get(field), bytes, r.external()[field]);
            } catch (ValueDecoder.ValueTooLarge e) {
                notes.add(e.getMessage() + ": not fetched, compared as unknown");
                values[i] = null;
            }
        }
        return values;
    }
}
