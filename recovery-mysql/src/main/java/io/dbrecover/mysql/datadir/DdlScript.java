package io.dbrecover.mysql.datadir;

import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.scan.Scan.Database;
import io.dbrecover.mysql.scan.Scan.Item;
import io.dbrecover.mysql.scan.Scan.Kind;
import io.dbrecover.mysql.scan.Scan.Role;
import io.dbrecover.mysql.scan.Scan.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The script {@code MySqlDdl.script} writes from a scan. */
public final class DdlScript {
    private DdlScript() {
    }

    /**
     * The whole scan as one script for the {@code mariadb} / {@code mysql} client: a header naming the sources
     * and what could not be read, {@code SET NAMES utf8mb4}, then per database {@code CREATE DATABASE IF NOT
     * EXISTS} and {@code USE}, its tables, then the views (those a view uses first), then the triggers. Every
     * statement ends with {@code ;} (trigger bodies are wrapped in {@code DELIMITER} lines).
     */
    public static String write(Scan scan) {
        long size = 1024;
        for (Item i : scan.items()) {
            size += i.file().toString().length() + i.reason().length() + i.ddl().length() + 16;
        }
        StringBuilder sb = new StringBuilder((int) Math.min(size, 1 << 28));
        try {
            write(scan, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder throws none
        }
        return sb.toString();
    }

    /**
     * {@link #write(Scan)} straight into {@code out} (the CLI's standard output): the whole script is never held
     * as one string, which over thousands of files was a copy of every table's DDL twice more.
     */
    public static void write(Scan scan, Appendable out) throws IOException {
        // one pass over the items instead of one per database and kind (thousands of files, hundreds of databases)
        Map<Kind, Map<String, List<Item>>> ok = new EnumMap<>(Kind.class);
        for (Item i : scan.items()) {
            if (i.status() == Status.OK) {
                ok.computeIfAbsent(i.kind(), k -> new HashMap<>())
                        .computeIfAbsent(i.database(), k -> new ArrayList<>()).add(i);
            }
        }
        // the header (one line per file) in one piece, then the DDL item by item
        StringBuilder sb = new StringBuilder(1024 + 128 * scan.items().size());
        sb.append("-- dbrecover mysql ddl (dialect ").append(scan.dialect().label())
                .append("): ").append(scan.ok()).append(" of ")
                .append(scan.items().stream().filter(i -> i.status() != Status.SKIPPED).count())
                .append(" definition files read\n");
        if (scan.dialect().isMySql()) {
            sb.append("-- ").append(scan.dialect() == Dialect.MYSQL ? "MySQL dialect of the MySQL release that wrote "
                    + "each file (the newest, 8.4, where a file does not say or MariaDB wrote it)"
                    : scan.dialect().displayName() + " dialect").append(": tables as its SHOW CREATE TABLE prints "
                    + "them; what it has no place for is left out and named in a comment before its table; views "
                    + "and triggers are written as read\n");
        }
        if (scan.items().stream().anyMatch(i -> i.status() == Status.OK && i.file().toString().endsWith(".frm"))) {
            sb.append("-- Not in .frm files: foreign keys and AUTO_INCREMENT counters (engine state); add them by "
                    + "hand.\n");
        }
        for (Item i : scan.items()) {
            switch (i.status()) {
                case OK -> sb.append("--   ").append(ServerFileItems.comment(String.valueOf(i.file())))
                        .append(i.role() == Role.ALTER_LEFTOVER
                        ? " (left by an ALTER TABLE that did not finish: see the comment at its table)" : "")
                        .append('\n');
                case FAILED -> sb.append("--   FAILED ").append(ServerFileItems.comment(i.file() + ": " + i.reason()))
                        .append('\n');
                default -> { }
            }
        }
        long skipped = scan.items().stream().filter(i -> i.status() == Status.SKIPPED
                && i.reason().startsWith(DefinitionFiles.BESIDE_FRM)).count();
        if (skipped > 0) {
            sb.append("-- ").append(skipped).append(" .ibd files skipped: their definitions come from the .frm "
                    + "files beside them\n");
        }
        for (Scan.Link l : scan.links()) {
            sb.append("-- ").append(ServerFileItems.comment(l.describe())).append('\n');
        }
        ServerFileItems.header(scan, sb);
        sb.append("SET NAMES utf8mb4;\n");
        // TIMESTAMP defaults and SYSTEM_TIME partition STARTS are written in UTC (a file knows no other zone): load
        // them in a UTC session so they mean the same instants
        sb.append("SET time_zone = '+00:00';\n");
        boolean foreignKeys = scan.items().stream().anyMatch(i -> i.status() == Status.OK && i.table() != null
                && !i.table().foreignKeys().isEmpty());
        if (foreignKeys) {
            // a table may name one created further down (or not in these files at all), as mysqldump's scripts do
            sb.append("SET @dbrecover_saved_foreign_key_checks = @@foreign_key_checks;\n")
                    .append("SET foreign_key_checks = 0;\n");
        }
        out.append(sb);
        boolean first = true;
        for (Database d : scan.databases()) {
            List<Item> tables = of(ok, d, Kind.TABLE);
            if (!d.name().isEmpty()) {
                out.append('\n');
                if (!d.note().isEmpty()) {
                    out.append("-- ").append(ServerFileItems.comment(d.name() + ": " + d.note())).append('\n');
                }
                out.append("CREATE DATABASE IF NOT EXISTS ").append(DdlWriter.id(d.name()));
                if (!d.charset().isEmpty()) {
                    out.append(" CHARACTER SET ").append(d.charset());
                }
                if (!d.collation().isEmpty()) {
                    out.append(" COLLATE ").append(d.collation());
                }
                out.append(";\n").append("USE ").append(DdlWriter.id(d.name())).append(";\n");
            } else if (!first) {
                out.append("-- files outside any database directory follow, in the current database\n");
            }
            first = false;
            for (Item t : tables) {
                out.append('\n').append(t.ddl());
            }
        }
        for (Kind kind : List.of(Kind.VIEW, Kind.TRIGGERS)) {
            for (Database d : scan.databases()) {
                List<Item> items = kind == Kind.VIEW ? viewOrder(of(ok, d, kind)) : of(ok, d, kind);
                if (items.isEmpty()) {
                    continue;
                }
                if (!d.name().isEmpty()) {
                    out.append('\n').append("USE ").append(DdlWriter.id(d.name())).append(";\n");
                }
                for (Item i : items) {
                    out.append('\n').append(i.ddl());
                }
            }
        }
        if (foreignKeys) {
            out.append("\nSET foreign_key_checks = @dbrecover_saved_foreign_key_checks;\n");
        }
    }

    private static List<Item> of(Map<Kind, Map<String, List<Item>>> ok, Database d, Kind kind) {
        return ok.getOrDefault(kind, Map.of()).getOrDefault(d.name(), List.of());
    }

    /**
     * Views of one database ordered so that a view another one selects from comes first (CREATE VIEW checks the
     * tables and views it names). A view counts as used when its back-quoted name appears in the other's query.
     */
    static List<Item> viewOrder(List<Item> views) {
        List<Item> pending = new ArrayList<>(views);
        List<Item> out = new ArrayList<>(views.size());
        while (!pending.isEmpty()) {
            int next = 0; // a cycle cannot exist among real views; keep the path order then
            for (int c = 0; c < pending.size(); c++) {
                Item candidate = pending.get(c);
                boolean usesPending = false;
                for (Item other : pending) {
                    if (other != candidate && candidate.view().query().contains(DdlWriter.id(other.view().name()))) {
                        usesPending = true;
                        break;
                    }
                }
                if (!usesPending) {
                    next = c;
                    break;
                }
            }
            // by position, not remove(Object): a record's equals compares every field, and its first call costs
            // a cold start tens of milliseconds of method-handle set-up
            out.add(pending.remove(next));
        }
        return out;
    }
}
