package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.api.Severity;
import io.dbrecover.core.source.SourceFiles;
import io.dbrecover.mysql.datadir.DataDirFiles;
import io.dbrecover.mysql.datadir.DefinitionFiles;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.frm.TableFileName;
import io.dbrecover.mysql.scan.Scan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the tables in orphaned MySQL/MariaDB files: a database directory ({@code .frm}, {@code .ibd},
 * {@code .par}, {@code #P#} partition files, {@code .cfg}) or a data directory holding several of them. Reads only.
 */
final class SourceScan {
    /** Databases of the server itself: their tables are the old server's dictionary, not user data. */
    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "performance_schema", "sys",
            "information_schema");

    private SourceScan() {
    }

    /**
     * What was found.
     *
     * @param tables    the tables, by database then table name
     * @param databases the database directories, with their {@code db.opt} character set where known
     * @param findings  what was noticed and left alone (views, triggers, leftover temporary tables, links…)
     * @param linkedSources where followed symbolic links lead outside the given sources: sources of their own,
     *        inventoried like the others, since files are read through them
     */
    public record Result(List<TableSource> tables, List<Scan.Database> databases, List<Finding> findings,
                         List<Path> linkedSources) {
        public Result {
            tables = List.copyOf(tables);
            databases = List.copyOf(databases);
            findings = List.copyOf(findings);
            linkedSources = List.copyOf(linkedSources);
        }

        /** A scan that followed no link out of its sources. */
        public Result(List<TableSource> tables, List<Scan.Database> databases, List<Finding> findings) {
            this(tables, databases, findings, List.of());
        }
    }

    /**
     * Scans the paths.
     *
     * @param from   database directories or data directories
     * @param only   table names to keep ({@code db.table} or {@code table}); empty keeps all
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} for a missing path, {@code USAGE} when nothing to
     *         recover is found or a named table does not exist
     */
    public static Result scan(List<Path> from, Set<String> only) {
        checkFrom(from);
        List<Finding> findings = new ArrayList<>();
        List<Path> databaseDirs = databaseDirs(from, findings);
        if (databaseDirs.isEmpty()) {
            throw RecoveryException.of(ErrorCode.USAGE, "no .frm or .ibd files in " + from)
                    .hint("point RecoverRequest.from at a database directory (e.g. /mnt/old/var/lib/mysql/shop) or "
                    + "at the data "
                            + "directory above it").build();
        }
        List<TableSource> tables = new ArrayList<>();
        List<Scan.Database> databases = new ArrayList<>();
        SourceLinks links = new SourceLinks(from);
        links.fromLinks(findings);
        for (Path dir : databaseDirs) {
            Scan scan = DefinitionFiles.scan(List.of(dir), Dialect.MARIADB);
            Scan.Database db = scan.databases().isEmpty() ? DefinitionFiles.database(dir) : scan.databases().get(0);
            databases.add(db);
            links.databaseDir(dir, scan.links(), findings);
            tables.addAll(tablesOf(dir, db.name(), scan, findings));
        }
        if (!only.isEmpty()) {
            List<TableSource> kept = new ArrayList<>();
            for (String want : only) {
                List<TableSource> match = tables.stream().filter(t -> want.contains(".")
                        ? t.qualifiedName().equalsIgnoreCase(want) : t.table().equalsIgnoreCase(want)).toList();
                if (match.isEmpty()) {
                    throw RecoveryException.of(ErrorCode.USAGE, "RecoverRequest.tables names " + want + ", which is "
                            + "not among "
                            + "the " + tables.size() + " tables found").hint("list them with "
                            + "RecoverRequest.dryRun").build();
                }
                match.stream().filter(t -> !kept.contains(t)).forEach(kept::add);
            }
            tables = kept;
        }
        return new Result(tables, databases, findings, links.linked());
    }

    /**
     * Checks that every path is a directory, before anything is read.
     *
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} for a missing path, {@code USAGE} for one that is no
     *         directory
     */
    public static void checkFrom(List<Path> from) {
        for (Path p : from) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.isDirectory(abs)) {
                throw RecoveryException.of(Files.exists(abs) ? ErrorCode.USAGE : ErrorCode.SOURCE_NOT_FOUND,
                        abs + ": not a directory").path(abs)
                        .hint("RecoverRequest.from takes a database directory (with .frm/.ibd files) or a data "
                        + "directory").build();
            }
        }
    }

    /** The database directories of the paths: each path holding table files, else its children that do. */
    private static List<Path> databaseDirs(List<Path> from, List<Finding> findings) {
        List<Path> databaseDirs = new ArrayList<>();
        for (Path p : from) {
            Path abs = p.toAbsolutePath().normalize();
            if (holdsTables(abs, findings)) {
                databaseDirs.add(abs);
            } else {
                try (Stream<Path> children = Files.list(abs)) {
                    children.filter(Files::isDirectory).filter(d -> holdsTables(d, findings))
                            .filter(d -> !SYSTEM_DATABASES.contains(d.getFileName().toString()))
                            .sorted().forEach(databaseDirs::add);
                } catch (IOException e) {
                    throw SourceFiles.cannotRead(abs, e);
                }
            }
        }
        return databaseDirs;
    }

    /**
     * Where the followed symbolic links of a {@link #scan} lead outside the paths, found by listing directories
     * only (no file is read): they are inventoried as sources of their own before the scan reads through them.
     */
    public static List<Path> linkedSources(List<Path> from) {
        checkFrom(from);
        List<Finding> unused = new ArrayList<>();
        SourceLinks links = new SourceLinks(from);
        links.fromLinks(unused);
        for (Path dir : databaseDirs(from, unused)) {
            links.databaseDir(dir, DefinitionFiles.links(dir), unused);
        }
        return links.linked();
    }

    /** Whether a directory holds table files; one that cannot be listed is named with why. */
    private static boolean holdsTables(Path dir, List<Finding> findings) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".frm") || n.endsWith(".ibd");
            });
        } catch (IOException e) {
            findings.add(Finding.warning("SOURCE_NOT_READ", dir + ": cannot read: " + SourceFiles.reason(e)
                    + "; its tables, if any, are not recovered", dir.toString()));
            return false;
        }
    }

    private static List<TableSource> tablesOf(Path dir, String database, Scan scan, List<Finding> findings) {
        Map<String, Path> ibd = new TreeMap<>();
        Map<String, List<TableSource.PartitionFile>> partitions = new TreeMap<>();
        Map<String, Path> cfg = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        } catch (IOException e) {
            throw SourceFiles.cannotRead(dir, e);
        }
        List<Path> regular = new ArrayList<>();
        for (Path f : files) {
            SourceFiles.Kind kind = SourceFiles.kindFollowingLinks(f);
            String n = f.getFileName().toString();
            if (kind == SourceFiles.Kind.FILE) {
                regular.add(f);
            } else if (n.endsWith(".cfg") || n.endsWith(".par") || n.endsWith(".isl")) {
                // .frm, .ibd and .TRG of that kind are failed items of the scan; these are named here, never opened
                findings.add(Finding.warning("SPECIAL_FILE", rel(f) + " is " + kind.description() + ", not a file: "
                        + "not read", rel(f)));
            }
        }
        files = regular;
        Map<String, List<Path>> leftovers = new TreeMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (DataDirFiles.fulltextAuxiliary(name).isPresent() && !Files.exists(f.resolveSibling(base(name)
                    + ".frm"))) {
                // InnoDB's full-text index tables: named once per table below; ADD FULLTEXT builds them anew
                continue;
            }
            Optional<DataDirFiles.AlterLeftover> leftover = DataDirFiles.alterLeftover(name);
            if (leftover.isPresent()) {
                leftovers.computeIfAbsent(leftover.get().base(), b -> new ArrayList<>()).add(f);
                continue;
            }
            if (name.endsWith(".cfg")) {
                cfg.put(base(name), f);
            } else if (name.endsWith(".ibd")) {
                String base = base(name);
                int p = base.toLowerCase(Locale.ROOT).indexOf("#p#");
                if (p > 0) {
                    String rest = base.substring(p + 3);
                    int sp = rest.toLowerCase(Locale.ROOT).indexOf("#sp#");
                    String part = sp >= 0 ? rest.substring(0, sp) : rest;
                    String sub = sp >= 0 ? rest.substring(sp + 4) : null;
                    partitions.computeIfAbsent(base.substring(0, p), k -> new ArrayList<>())
                            .add(new TableSource.PartitionFile(decode(part), sub == null ? null : decode(sub), f));
                } else {
                    ibd.put(base, f);
                }
            }
        }
        Map<String, TableSource> byBase = new LinkedHashMap<>();
        serverFileFindings(database, scan, leftovers, findings);
        for (Scan.Item item : scan.items()) {
            String name = item.file().getFileName().toString();
            String base = base(name);
            if (item.role() != Scan.Role.USER) {
                continue;
            }
            if (item.status() == Scan.Status.FAILED && (item.kind() == Scan.Kind.VIEW
                    || item.kind() == Scan.Kind.TRIGGERS)) {
                findings.add(Finding.warning("DEFINITION_NOT_READ", item.reason(), rel(item.file())));
                continue;
            }
            switch (item.kind()) {
                case VIEW -> findings.add(new Finding(Severity.INFO, "VIEW_NOT_RECREATED", "view " + database + "."
                        + decode(base)
                        + " holds no data and is not recreated; its CREATE VIEW is in `dbrecover mysql ddl`'s output",
                        rel(item.file())));
                case TRIGGERS -> findings.add(new Finding(Severity.INFO, "TRIGGERS_NOT_RECREATED", "the triggers "
                        + "in " + name
                        + " are not recreated; their CREATE TRIGGER is in `dbrecover mysql ddl`'s output",
                        rel(item.file())));
                case TABLE, TABLESPACE -> {
                    if (item.status() == Scan.Status.SKIPPED) {
                        continue;
                    }
                    String tableBase = name.endsWith(".ibd") ? tableBase(base) : base;
                    String table = item.table() != null ? item.table().name() : decode(tableBase);
                    byBase.put(tableBase, new TableSource(database, table, tableBase, dir, item.table(),
                            item.status() == Scan.Status.OK ? rel(item.file()) : null,
                            item.status() == Scan.Status.OK ? null : item.reason(), ibd.get(tableBase),
                            partitions.getOrDefault(tableBase, List.of()), cfg.get(tableBase)));
                }
                default -> throw new IllegalStateException("unknown kind " + item.kind());
            }
        }
        // tablespaces whose definition file is gone and that are no MySQL 8 file either
        for (Map.Entry<String, Path> e : ibd.entrySet()) {
            byBase.computeIfAbsent(e.getKey(), b -> new TableSource(database, decode(b), b, dir, null, null,
                    "there is no " + b + ".frm beside " + b + ".ibd", e.getValue(), List.of(), cfg.get(b)));
        }
        for (Map.Entry<String, List<TableSource.PartitionFile>> e : partitions.entrySet()) {
            byBase.computeIfAbsent(e.getKey(), b -> new TableSource(database, decode(b), b, dir, null, null,
                    "there is no " + b + ".frm for the partition files " + b + "#P#…", null, e.getValue(),
                    cfg.get(b)));
        }
        List<TableSource> out = new ArrayList<>(byBase.values());
        out.sort((a, b) -> a.table().compareTo(b.table()));
        return out;
    }

    /**
     * The files the server made for itself, each named once: FULLTEXT auxiliary tablespaces per table (as
     * {@code mysql ddl} names them), ALTER TABLE leftovers per name with what to do to recover them.
     */
    private static void serverFileFindings(String database, Scan scan, Map<String, List<Path>> leftovers,
                                           List<Finding> findings) {
        Set<String> fulltext = new LinkedHashSet<>();
        for (Scan.Item item : scan.items()) {
            if (item.role() == Scan.Role.FULLTEXT_AUXILIARY) {
                fulltext.add(item.reason());
            }
        }
        for (String why : fulltext) {
            findings.add(Finding.info("FULLTEXT_INDEX_FILES", database + "/" + why));
        }
        for (Map.Entry<String, List<Path>> e : leftovers.entrySet()) {
            DataDirFiles.AlterLeftover l = DataDirFiles.alterLeftover(e.getKey() + ".x").orElseThrow();
            List<Path> paths = e.getValue();
            String names = String.join(", ", paths.stream().map(p -> p.getFileName().toString()).toList());
            boolean frm = paths.stream().anyMatch(p -> p.getFileName().toString().endsWith(".frm"));
            boolean ibd = paths.stream().anyMatch(p -> p.getFileName().toString().endsWith(".ibd"));
            String what = !ibd ? "It has no .ibd here, so no rows to recover"
                    : frm ? "Not recovered under this name; " + l.whatToDo(database)
                    + " (its CREATE TABLE is in `dbrecover mysql ddl`'s output)"
                    : "Not recovered: it has no .frm; if it is a copy of a table you need, put it beside that "
                    + "table's .frm under the table's name in a directory of its own and run recover on that "
                    + "directory (the definition is checked against its records)";
            findings.add(Finding.warning("ALTER_LEFTOVER", database + "/" + names + ": " + l.describe() + ". "
                    + what, rel(paths.get(0))));
        }
    }

    /** What to do with a table whose definition names an engine and which has no {@code .ibd}. */
    static String withoutTablespaceHint(String engine) {
        if (engine.equalsIgnoreCase("InnoDB")) {
            return "look for the .ibd on the old disk; without it only the definition is left";
        }
        if (engine.equalsIgnoreCase("TokuDB")) {
            return "TokuDB keeps its rows in *.tokudb files in the data directory's root (or tokudb_data_dir), "
                    + "readable only by a server with TokuDB: give the whole data directory (with the tokudb.* logs) "
                    + "to a Percona Server 5.7, or 8.0 before 8.0.28, with the TokuDB plugin, and dump the table "
                    + "there; `dbrecover mysql ddl` gives its definition";
        }
        return "tables of other engines keep their data in their own files (.MYD/.MYI, .MAD/.MAI): copy those with "
                + "the .frm into a data directory and start it with `dbrecover mysql server`";
    }

    private static String base(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String tableBase(String ibdBase) {
        int p = ibdBase.toLowerCase(Locale.ROOT).indexOf("#p#");
        return p > 0 ? ibdBase.substring(0, p) : ibdBase;
    }

    private static String decode(String base) {
        return TableFileName.decode(base + ".x").orElse(base);
    }

    private static String rel(Path f) {
        Path parent = Objects.requireNonNull(f.getParent());
        return parent.getFileName() + "/" + f.getFileName();
    }
}
