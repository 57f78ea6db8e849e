package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.Verification;
import io.dbrecover.core.plan.StepContext;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.model.ForeignKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The foreign keys step: the keys the definitions hold are added once the tables are in, with the server checking
 * every row.
 */
final class ForeignKeys {
    private final Target target;

    ForeignKeys(Target target) {
        this.target = target;
    }

    /**
     * Adds the foreign keys the definitions hold (from {@code --ddl} or SDI; a {@code .frm} has none), parents
     * before children, with {@code foreign_key_checks=1}: the server then proves every child row has its parent.
     * A key whose parent table is not there (not recovered, or not in the sources) is left out and reported.
     */
    void add(List<Work> ready, StepContext sc) throws SQLException {
        Map<String, Work> byName = new LinkedHashMap<>();
        ready.forEach(w -> byName.put(w.source().qualifiedName(), w));
        List<Work> ordered = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Work w : ready) {
            parentsFirst(w, byName, seen, ordered);
        }
        if (ordered.stream().allMatch(w -> w.source().definition().foreignKeys().isEmpty())) {
            return;
        }
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.execute("SET SESSION foreign_key_checks=1");
            for (Work w : ordered) {
                TableSource t = w.source();
                if (t.definition().foreignKeys().isEmpty() || !target.ours(c, t.database(), t.table())) {
                    continue;
                }
                for (ForeignKey fk : t.definition().foreignKeys()) {
                    String parentDb = fk.referencedSchema().isEmpty() ? t.database() : fk.referencedSchema();
                    String parent = parentDb + "." + fk.referencedTable();
                    if (!target.ours(c, parentDb, fk.referencedTable())) {
                        sc.finding(Finding.warning("FOREIGN_KEY_LEFT_OUT", t.qualifiedName() + ": foreign key "
                                + fk.name() + " is not added, its parent table " + parent + " is not one this "
                                + "recovery brought back", null));
                        continue;
                    }
                    if (constraintExists(c, t.database(), t.table(), fk.name())) {
                        // added by an interrupted run of this recovery, with the same checks
                        sc.verification(new Verification(t.qualifiedName(), "foreign-key-holds", true, fk.name()
                                + ": every row has its parent in " + parent, "present, added with "
                                + "foreign_key_checks=1 by an earlier run"));
                        continue;
                    }
                    // the parent is named with its database: an ALTER of another database's table would not find it
                    ForeignKey qualified = new ForeignKey(fk.name(), fk.columns(), parentDb, fk.referencedTable(),
                            fk.referencedColumns(), fk.onUpdate(), fk.onDelete());
                    String sql = "ALTER TABLE " + TransplantSql.qualified(t.database(), t.table()) + " ADD "
                            + DdlWriter.foreignKey(qualified);
                    try {
                        st.execute(sql);
                        sc.verification(new Verification(t.qualifiedName(), "foreign-key-holds", true, fk.name()
                                + ": every row has its parent in " + parent, "added with foreign_key_checks=1"));
                    } catch (SQLException ex) {
                        sc.verification(new Verification(t.qualifiedName(), "foreign-key-holds", false, fk.name()
                                + ": every row has its parent in " + parent, ex.getMessage()));
                    }
                }
            }
        }
    }

    private static void parentsFirst(Work w, Map<String, Work> byName, Set<String> seen, List<Work> out) {
        if (!seen.add(w.source().qualifiedName())) {
            return;
        }
        for (ForeignKey fk : w.source().definition().foreignKeys()) {
            String parentDb = fk.referencedSchema().isEmpty() ? w.source().database() : fk.referencedSchema();
            Work parent = byName.get(parentDb + "." + fk.referencedTable());
            if (parent != null) {
                parentsFirst(parent, byName, seen, out);
            }
        }
        out.add(w);
    }


    private static boolean constraintExists(Connection c, String database, String table, String name)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema."
                + "REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
