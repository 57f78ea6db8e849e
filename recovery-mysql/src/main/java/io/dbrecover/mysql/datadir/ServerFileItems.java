package io.dbrecover.mysql.datadir;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.report.TerminalText;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.model.Identifiers;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.scan.Scan.Item;
import io.dbrecover.mysql.scan.Scan.Kind;
import io.dbrecover.mysql.scan.Scan.Role;
import io.dbrecover.mysql.scan.Scan.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code MySqlDdl} items of files the server made for itself ({@link DataDirFiles}): FULLTEXT auxiliary
 * tablespaces become skipped items naming their table, ALTER TABLE leftovers keep their DDL under a comment.
 */
final class ServerFileItems {
    private ServerFileItems() {
    }

    /** A FULLTEXT index's auxiliary tablespace as a skipped item; its owner is named by the scan afterwards. */
    static Optional<Item> fulltextAuxiliary(Path file, String database) {
        return DataDirFiles.fulltextAuxiliary(String.valueOf(file.getFileName())).map(f -> new Item(file,
                Kind.TABLESPACE, database, Status.SKIPPED, null, null, List.of(), "", List.of(), null, null,
                f.pattern() + ": InnoDB's own auxiliary table of a FULLTEXT index of the table with id 0x"
                        + Long.toHexString(f.tableIdValue()) + "; neither created nor imported: InnoDB builds it "
                        + "anew from the table's FULLTEXT key", Role.FULLTEXT_AUXILIARY));
    }

    /** A leftover {@code .ibd} with no {@code .frm} and no SDI: named, its definition is that of its table. */
    static Item leftoverWithoutFrm(Path file, String database, String damage) {
        DataDirFiles.AlterLeftover l = DataDirFiles.alterLeftover(String.valueOf(file.getFileName())).orElseThrow();
        String why = l.describe() + "; it has no .frm, so no definition here: if it is a copy of a table you need, "
                + "put it beside that table's .frm under that table's name (in a directory of its own) and run "
                + "`dbrecover mysql recover`, which checks that the definition fits its records"
                + (damage == null ? "" : ". It cannot be read either: " + damage);
        return new Item(file, Kind.TABLESPACE, database, Status.SKIPPED, null, null, List.of(), "", List.of(), null,
                null, why, Role.ALTER_LEFTOVER);
    }

    /**
     * The item of a table file: unchanged unless the file is an ALTER TABLE leftover, whose table then takes the
     * name exactly as on disk ({@code #sql-alter-57b4-3}: the server writes these names unencoded, so the
     * {@code #mysql50#} form that decoding gives would not be the file's table) and whose DDL starts with a comment
     * saying what the file is.
     */
    static Item leftoverFrm(Item item, Dialect dialect) {
        String name = String.valueOf(item.file().getFileName());
        Optional<DataDirFiles.AlterLeftover> leftover = DataDirFiles.alterLeftover(name);
        if (leftover.isEmpty() || item.status() != Status.OK || item.kind() != Kind.TABLE) {
            return item;
        }
        DataDirFiles.AlterLeftover l = leftover.get();
        String problem = Identifiers.nameProblem(l.base());
        if (problem != null) {
            // the table takes the name on disk: one the server refuses (or one carrying control bytes) cannot be
            return Item.failed(item.file(), item.kind(), item.database(), RecoveryException.of(
                    ErrorCode.CORRUPT_INPUT, item.file() + ": the leftover's name '" + l.base() + "' is no valid "
                    + "table name: " + problem).path(item.file()).build()).withRole(Role.ALTER_LEFTOVER,
                    "its name '" + l.base() + "' is no valid table name: " + problem + " (" + l.describe() + ")");
        }
        TableDefinition t = item.table();
        if (name.endsWith(".frm")) {
            t = new TableDefinition(l.base(), t.columns(), t.indexes(), t.options(), t.comment(),
                    t.partitionClause(), t.checks(), t.applicationPeriod(), t.systemPeriod(), t.systemVersioned(),
                    t.notes(), t.foreignKeys());
        }
        String rows = name.endsWith(".frm") ? "Its rows are in " + l.base() + ".ibd: "
                + l.whatToDo(item.database().isEmpty() ? "db" : item.database())
                : "Its rows are in this MySQL 8 tablespace, which a MySQL 8 server imports (IMPORT TABLESPACE) into "
                + "a table of this definition under another name";
        DdlWriter.Written w = name.endsWith(".frm") ? DdlWriter.written(t, dialect, 0)
                : new DdlWriter.Written(item.ddl(), item.statements());
        String ddl = "-- " + comment(name + " is no table of the application: " + l.describe() + ".") + "\n"
                + "-- " + comment("Loading this script creates it, empty, as table " + DdlWriter.id(t.name())
                + ": drop it when the table it was made from is complete. " + rows + ".") + "\n" + w.ddl();
        List<String> statements = w.statements();
        return new Item(item.file(), item.kind(), item.database(), item.status(), t, null, List.of(), ddl,
                statements, null, null, l.describe(), Role.ALTER_LEFTOVER);
    }

    /**
     * Gives every FULLTEXT auxiliary item the description of its group (the files of one table id in one
     * directory), naming the table where the files tell it ({@link FulltextOwners}).
     */
    static List<Item> nameFulltextOwners(List<Item> items) {
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (Item i : items) {
            if (i.role() == Role.FULLTEXT_AUXILIARY) {
                DataDirFiles.FulltextAuxiliary f = DataDirFiles.fulltextAuxiliary(String.valueOf(
                        i.file().getFileName())).orElseThrow();
                groups.computeIfAbsent(i.file().getParent() + "\0" + f.tableId(), k -> new ArrayList<>()).add(i);
            }
        }
        if (groups.isEmpty()) {
            return new ArrayList<>(items);
        }
        Map<Path, List<FulltextOwners.ReadTable>> tablesByDir = new LinkedHashMap<>();
        Map<Path, String> reasons = new LinkedHashMap<>();
        for (List<Item> group : groups.values()) {
            Item first = group.get(0);
            Path dir = first.file().getParent();
            List<FulltextOwners.ReadTable> tables = tablesByDir.computeIfAbsent(dir, d -> items.stream()
                    .filter(i -> i.status() == Status.OK && i.kind() == Kind.TABLE && i.table() != null
                            && i.role() == Role.USER && d.equals(i.file().getParent()))
                    .map(i -> FulltextOwners.ReadTable.of(i.file(), i.table())).toList());
            FulltextOwners.Group g = FulltextOwners.resolve(first.database(), DataDirFiles.fulltextAuxiliary(
                    String.valueOf(first.file().getFileName())).orElseThrow(),
                    group.stream().map(Item::file).toList(), tables);
            String why = g.describe();
            group.forEach(i -> reasons.put(i.file(), why));
        }
        List<Item> out = new ArrayList<>(items.size());
        for (Item i : items) {
            String why = reasons.get(i.file());
            out.add(why == null ? i : i.withRole(Role.FULLTEXT_AUXILIARY, why));
        }
        return out;
    }

    /**
     * The script header's lines for the server's own files: each FULLTEXT group once, each leftover without a
     * definition once.
     */
    /**
     * Text for one {@code -- } comment line of the script: file names and reasons come from the source, and a line
     * break in them would end the comment and put the rest on a line the client runs as SQL.
     */
    static String comment(String s) {
        return TerminalText.escapeLine(s);
    }

    static void header(Scan scan, StringBuilder sb) {
        List<String> fulltext = new ArrayList<>();
        for (Item i : scan.items()) {
            if (i.role() == Role.FULLTEXT_AUXILIARY) {
                String line = "--   " + comment(i.file().getParent() + "/" + i.reason());
                if (!fulltext.contains(line)) {
                    fulltext.add(line);
                }
            }
        }
        if (!fulltext.isEmpty()) {
            sb.append("-- FULLTEXT index tablespaces, not read:\n");
            fulltext.forEach(l -> sb.append(l).append('\n'));
        }
        List<Item> leftovers = scan.items().stream().filter(i -> i.role() == Role.ALTER_LEFTOVER
                && i.status() == Status.SKIPPED && !i.reason().startsWith(DefinitionFiles.BESIDE_FRM)).toList();
        if (!leftovers.isEmpty()) {
            sb.append("-- Left by an ALTER TABLE that did not finish, without a definition of their own:\n");
            leftovers.forEach(i -> sb.append("--   ").append(comment(i.file() + ": " + i.reason())).append('\n'));
        }
    }
}
