package io.dbrecover.mysql.verify;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.verify.RowHash;
import io.dbrecover.mysql.ibd.FileRows;
import io.dbrecover.mysql.ibd.LargeValue;
import io.dbrecover.mysql.ibd.Tablespaces;
import io.dbrecover.mysql.ibd.ValueForm;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares every row of an imported table with the rows our page reader decodes from the tablespace file, value by
 * value and exactly ({@link ValueForm}): both sides are streamed in the clustered index's order, so memory does not
 * grow with the table. Call it right after the import, before other keys are added, for a table clustered on the
 * hidden row id (the server then scans in that order).
 */
public final class RowComparison {
    private RowComparison() {
    }

    /**
     * Compares {@code database.table} on the connected server with the file's rows as {@code definition} describes
     * them.
     *
     * @throws RecoveryException {@code VERIFICATION_FAILED} when the server cannot be read, {@code CORRUPT_INPUT}
     *         when the file's pages are damaged
     */
    public static FileComparison compare(Connection c, String database, String table, Path ibd,
                                         TableDefinition definition) {
        List<String> notes = new ArrayList<>();
        Map<String, String> notCompared = new LinkedHashMap<>();
        try (FileRows file = Tablespaces.rows(ibd, definition)) {
            if (file.unsupported() != null) {
                for (Column col : definition.columns()) {
                    if (col.generated() == null || col.generated().stored()) {
                        notCompared.put(col.name(), file.unsupported());
                    }
                }
                notes.add("no row of " + ibd.getFileName() + " decoded: " + file.unsupported());
                return new FileComparison(0, List.of(), notCompared, true, null, notes, 0);
            }
            notCompared.putAll(file.notDecoded());
            List<Column> columns = file.columns();
            List<ValueForm> forms = file.forms();
            String sql = ExactSelect.compareQuery(database, table, columns, forms, file.keyColumns(),
                    definition.systemVersioned());
            try {
                TableHash.utc(c);
            } catch (SQLException e) {
                throw unreadable(database, table, e);
            }
            try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                // Connector/J streams a result only with this fetch size; the file side streams page by page
                st.setFetchSize(Integer.MIN_VALUE);
                try (ResultSet rs = st.executeQuery(sql)) {
                    return compare(rs, file, columns, forms, notCompared, notes, ibd);
                }
            } catch (SQLException e) {
                throw unreadable(database, table, e);
            }
        }
    }

    private static RecoveryException unreadable(String database, String table, SQLException e) {
        return RecoveryException.of(ErrorCode.VERIFICATION_FAILED, "cannot read the rows of " + database + "." + table
                + " from the server: " + e.getMessage()).cause(e).hint("the table must be imported and readable")
                .build();
    }

    private static FileComparison compare(ResultSet rs, FileRows file, List<Column> columns, List<ValueForm> forms,
                                          Map<String, String> notCompared, List<String> notes, Path ibd)
            throws SQLException {
        return compare(rs, 0, null, file, columns, forms, notCompared, notes, ibd);
    }

    /**
     * The comparison loop: the file's values are compared with the result's columns from {@code offset + 1} on;
     * each server row is also fed to {@code hasher} when there is one.
     */
    private static FileComparison compare(ResultSet rs, int offset, RowHash.Hasher hasher, FileRows file,
                                          List<Column> columns, List<ValueForm> forms,
                                          Map<String, String> notCompared, List<String> notes, Path ibd)
            throws SQLException {
        List<String> names = columns.stream().map(Column::name).toList();
        long rows = 0;
        long nanos = 0;
        while (true) {
            long t0 = System.nanoTime();
            Object[] ours = file.next();
            nanos += System.nanoTime() - t0;
            boolean theirs = rs.next();
            if (theirs && hasher != null) {
                hasher.row(rs);
            }
            if (ours == null || !theirs) {
                notes.addAll(file.notes());
                if (ours == null && !theirs) {
                    if (!file.complete()) {
                        return new FileComparison(rows, names, notCompared, false, "our reader could not follow "
                                + "the whole leaf chain of " + ibd.getFileName() + " (" + String.join(" ",
                                file.notes()) + ")", notes, nanos);
                    }
                    return new FileComparison(rows, names, notCompared, true, null, notes, nanos);
                }
                return new FileComparison(rows, names, notCompared, false, ours == null
                        ? "the server returns more rows than the " + rows + " the file holds"
                        : "the file holds more rows than the " + rows + " the server returns", notes, nanos);
            }
            rows++;
            long t1 = System.nanoTime();
            for (int i = 0; i < ours.length; i++) {
                Object server = serverValue(rs, offset + i + 1, forms.get(i), ours[i] instanceof LargeValue);
                if (!same(ours[i], server)) {
                    return new FileComparison(rows - 1, names, notCompared, false, "row " + rows + ", column `"
                            + columns.get(i).name() + "`: the file holds " + show(ours[i]) + ", the server returns "
                            + show(server), notes, nanos);
                }
            }
            nanos += System.nanoTime() - t1;
        }
    }

    /** A table proved in one pass over its rows: every row compared with the file, and hashed. */
    public record Proof(FileComparison comparison, RowHash hash) {
    }

    /**
     * Compares every row with the file and takes the table's exact row hash ({@link TableHash}) in the same pass,
     * when the hash's order is the file's (the clustered key: a table with a primary or unique NOT NULL key, read
     * whole, not a partition); else empty, and the caller compares and hashes in two passes. The comparison stops at
     * the first difference, and then so does the hash: the proof has failed anyway.
     *
     * @throws RecoveryException as {@link #compare}
     */
    public static Optional<Proof> compareAndHash(Connection c, String database, String table, Path ibd,
                                                 TableDefinition definition) {
        List<String> notes = new ArrayList<>();
        Map<String, String> notCompared = new LinkedHashMap<>();
        try (FileRows file = Tablespaces.rows(ibd, definition)) {
            if (file.unsupported() != null || file.keyColumns().isEmpty()) {
                return Optional.empty();
            }
            ExactSelect.HashQuery hash;
            try {
                TableHash.utc(c);
                hash = ExactSelect.hashParts(c, database, table);
            } catch (SQLException e) {
                throw unreadable(database, table, e);
            }
            if (!sameNames(hash.keyOrder(), file.keyColumns())) {
                return Optional.empty();
            }
            notCompared.putAll(file.notDecoded());
            List<Column> columns = file.columns();
            List<ValueForm> forms = file.forms();
            List<String> select = new ArrayList<>(hash.select());
            for (int i = 0; i < columns.size(); i++) {
                select.add(ExactSelect.compareExpression(columns.get(i), forms.get(i)));
            }
            String sql = "SELECT " + String.join(", ", select) + " FROM " + ExactSelect.id(database) + "."
                    + ExactSelect.id(table) + (hash.versioned() ? " FOR SYSTEM_TIME ALL" : "") + " ORDER BY "
                    + String.join(", ", hash.order());
            try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                st.setFetchSize(Integer.MIN_VALUE);
                try (ResultSet rs = st.executeQuery(sql)) {
                    RowHash.Hasher hasher = new RowHash.Hasher(rs.getMetaData(), hash.select().size());
                    FileComparison comparison = compare(rs, hash.select().size(), hasher, file, columns, forms,
                            notCompared, notes, ibd);
                    // after a difference the server's remaining rows still make the whole hash of the table
                    while (!comparison.equal() && rs.next()) {
                        hasher.row(rs);
                    }
                    return Optional.of(new Proof(comparison, hasher.finish()));
                }
            } catch (SQLException e) {
                throw unreadable(database, table, e);
            }
        }
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Object serverValue(ResultSet rs, int column, ValueForm form, boolean large) throws SQLException {
        switch (form) {
            case REAL: {
                String text = rs.getString(column);
                return text == null ? null : Double.parseDouble(text);
            }
            case BYTES: {
                byte[] b = rs.getBytes(column);
                if (b == null || (!large && b.length <= FileRows.LARGE)) {
                    return b;
                }
                return new LargeValue(b.length, sha256(b));
            }
            default:
                return rs.getString(column);
        }
    }

    static boolean same(Object ours, Object theirs) {
        if (ours == null || theirs == null) {
            return ours == null && theirs == null;
        }
        if (ours instanceof Double a && theirs instanceof Double b) {
            return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
        }
        if (ours instanceof byte[] a && theirs instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return ours.equals(theirs);
    }

    private static String show(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] b) {
            String text = new String(b, 0, Math.min(b.length, 60), StandardCharsets.ISO_8859_1);
            boolean printable = text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F);
            return printable ? "'" + text + (b.length > 60 ? "…" : "") + "' (" + b.length + " bytes)"
                    : "0x" + HexFormat.of().formatHex(b, 0, Math.min(b.length, 40)) + (b.length > 40 ? "…" : "")
                    + " (" + b.length + " bytes)";
        }
        if (value instanceof Double d) {
            return d + " (bits 0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        }
        return "'" + value + "'";
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
