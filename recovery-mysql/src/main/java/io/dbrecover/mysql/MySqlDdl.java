package io.dbrecover.mysql;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.datadir.DdlScript;
import io.dbrecover.mysql.datadir.DefinitionFiles;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.scan.Scan.Database;
import io.dbrecover.mysql.scan.Scan.Item;
import io.dbrecover.mysql.scan.Scan.Link;
import io.dbrecover.mysql.scan.Scan.Role;
import io.dbrecover.mysql.scan.Scan.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Table, view and trigger definitions back from a MariaDB / MySQL data directory, without a server: the library
 * call behind {@code dbrecover mysql ddl}.
 *
 * <pre>{@code
 * Scan scan = MySqlDdl.scan(List.of(Path.of("/backup/mysql/shop")), Dialect.MARIADB);
 * scan.items().forEach(i -> System.out.println(i.file() + " " + i.status()));
 * String sql = MySqlDdl.script(scan);   // loads into a scratch server with the mariadb client
 * }</pre>
 *
 * <p>Directories are searched recursively for {@code .frm} (tables and views), {@code .TRG} (triggers) and
 * {@code .ibd} files. One unreadable file never stops the others: it becomes a {@link Status#FAILED} item with the
 * reason, the error code and, where known, the byte offset. An {@code .ibd} beside its table's {@code .frm} is
 * {@link Status#SKIPPED} (the .frm holds the definition); any other {@code .ibd} is a MySQL 8 tablespace whose
 * definition is read from its SDI ({@link #readOne}). Files the server made for itself (FULLTEXT
 * auxiliary tablespaces, leftovers of an interrupted ALTER TABLE) carry their {@link Role} and are never
 * failures for being what they are.
 */
public final class MySqlDdl {
    private MySqlDdl() {
    }

    /**
     * The symbolic links {@link #scan} meets under a directory, followed or not; only directories are listed,
     * no file is read (a recovery inventories where the followed ones lead before it reads anything).
     */
    public static List<Link> links(Path dir) {
        return DefinitionFiles.links(dir);
    }

    /**
     * Reads every definition file under the paths (files or directories, recursively).
     *
     * @throws RecoveryException {@code SOURCE_NOT_FOUND} when a path does not exist; nothing else, since each
     *         file's failure is an item of the result
     */
    public static Scan scan(List<Path> paths, Dialect dialect) {
        return DefinitionFiles.scan(paths, dialect);
    }

    /** Reads one definition file for MariaDB; never throws for the file's content. */
    public static Item readOne(Path file, String database) {
        return DefinitionFiles.readOne(file, database, Dialect.MARIADB);
    }

    /** Reads one definition file, its DDL written for {@code dialect}; never throws for the file's content. */
    public static Item readOne(Path file, String database, Dialect dialect) {
        return DefinitionFiles.readOne(file, database, dialect);
    }

    /** The database of a directory: its decoded name and the defaults of its {@code db.opt}. */
    public static Database database(Path dir) {
        return DefinitionFiles.database(dir);
    }

    /**
     * The whole scan as one script for the {@code mariadb} / {@code mysql} client: a header naming the sources,
     * what could not be read and the server's own files, {@code SET NAMES utf8mb4}, then per database {@code CREATE
     * DATABASE IF NOT EXISTS} and {@code USE}, its tables, then the views (those a view uses first), then the
     * triggers. Every statement ends with {@code ;} (trigger bodies are wrapped in {@code DELIMITER} lines).
     */
    public static String script(Scan scan) {
        return DdlScript.write(scan);
    }

    /**
     * {@link #script(Scan)} written straight into {@code out} (a large scan's script is never held as one string).
     *
     * @throws IOException when {@code out} throws it
     */
    public static void script(Scan scan, Appendable out) throws IOException {
        DdlScript.write(scan, out);
    }
}
