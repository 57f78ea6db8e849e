package io.dbrecover.mysql.datadir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.source.SourceFiles;
import io.dbrecover.mysql.model.IndexKind;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.sdi.SdiReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which table the auxiliary tablespaces of a FULLTEXT index belong to. Their names carry the table's id in the
 * InnoDB dictionary, which a {@code .frm} does not hold. Where the files themselves tell, the owner is named:
 *
 * <ul>
 *   <li>MySQL 8: the owner's SDI holds that id ({@code dd_object.se_private_id}).</li>
 *   <li>MariaDB and MySQL 5.6/5.7: InnoDB creates the common auxiliary tables right after the table (with it, or
 *       with the table rebuilt by ADD FULLTEXT), so their smallest space id is the table's plus one. Measured on
 *       MariaDB 10.11 for CREATE TABLE … FULLTEXT, ADD FULLTEXT with a rebuild, ALTER … FORCE, and a second FULLTEXT
 *       key added later (its INDEX_* files come later, the common ones still follow the table). A table counts only
 *       when its definition has a FULLTEXT key or an {@code FTS_DOC_ID} column, and only when it is the one match.</li>
 * </ul>
 * Otherwise the owner is unknown, and the report says so.
 */
final class FulltextOwners {
    /** Page 0: FIL_PAGE_SPACE_ID. */
    private static final int SPACE_ID_OFFSET = 34;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FulltextOwners() {
    }

    /**
     * The auxiliary tablespaces of one table's FULLTEXT indexes in one directory, and what is known of the table.
     *
     * @param database the database (directory) name
     * @param first one of the files' parsed names (they share the table id)
     * @param files the files
     * @param owner the table they belong to, or {@code null} when unknown
     * @param evidence how the owner was found, or why it is unknown
     */
    record Group(String database, DataDirFiles.FulltextAuxiliary first, List<Path> files, String owner,
                 String evidence) {
        Group {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(first, "first");
            files = List.copyOf(files);
            Objects.requireNonNull(evidence, "evidence");
        }

        /** One line for the script header, stderr and the recover report. */
        String describe() {
            String table = owner == null ? "an unknown table" : "`" + database + "`.`" + owner + "`";
            return first.pattern() + " (" + files.size() + (files.size() == 1 ? " file" : " files")
                    + "): InnoDB's own auxiliary tables of a FULLTEXT index of " + table + " (" + evidence + "); "
                    + "neither created nor imported: InnoDB builds them anew from the table's FULLTEXT key";
        }
    }

    /**
     * Names the owner of one group.
     *
     * @param database the database name
     * @param first a parsed name of the group
     * @param files the group's files
     * @param tables the tables read in the same directory: the file each came from and its definition
     */
    static Group resolve(String database, DataDirFiles.FulltextAuxiliary first, List<Path> files,
                         List<ReadTable> tables) {
        long tableId = first.tableIdValue();
        String idText = "table id 0x" + Long.toHexString(tableId);
        for (ReadTable t : tables) {
            if (t.sdi()) {
                OptionalLong id = t.innodbTableId();
                if (id.isPresent() && id.getAsLong() == tableId) {
                    return new Group(database, first, files, t.definition().name(), idText + ", which the SDI of "
                            + t.file().getFileName() + " names as its own");
                }
            }
        }
        long minSpace = Long.MAX_VALUE;
        long maxSpace = -1;
        for (Path f : files) {
            OptionalLong id = spaceId(f);
            if (id.isPresent()) {
                minSpace = Math.min(minSpace, id.getAsLong());
                maxSpace = Math.max(maxSpace, id.getAsLong());
            }
        }
        List<String> candidates = new ArrayList<>();
        ReadTable match = null;
        int matches = 0;
        for (ReadTable t : tables) {
            if (t.sdi() || !hasFulltext(t.definition())) {
                continue;
            }
            candidates.add(t.definition().name());
            String base = t.file().getFileName().toString();
            base = base.substring(0, base.lastIndexOf('.'));
            OptionalLong parent = spaceId(t.file().resolveSibling(base + ".ibd"));
            if (minSpace != Long.MAX_VALUE && parent.isPresent() && parent.getAsLong() + 1 == minSpace) {
                match = t;
                matches++;
            }
        }
        if (matches == 1) {
            String base = match.file().getFileName().toString();
            return new Group(database, first, files, match.definition().name(), "their space ids " + minSpace
                    + (maxSpace > minSpace ? "–" + maxSpace : "") + " follow the " + (minSpace - 1) + " of "
                    + base.substring(0, base.lastIndexOf('.')) + ".ibd, as InnoDB numbers them when it creates them "
                    + "with the table");
        }
        String why = idText + ", kept only in the lost InnoDB dictionary";
        if (!candidates.isEmpty()) {
            why += "; table" + (candidates.size() == 1 ? "" : "s") + " here with a FULLTEXT key: "
                    + String.join(", ", candidates);
        }
        return new Group(database, first, files, null, why);
    }

    /**
     * A table definition read in the directory.
     *
     * @param file the {@code .frm}, or the {@code .ibd} whose SDI held it
     * @param definition the definition
     * @param sdi read from a MySQL 8 SDI
     * @param innodbTableId for an SDI table, the InnoDB table id its document names, if any
     */
    record ReadTable(Path file, TableDefinition definition, boolean sdi, OptionalLong innodbTableId) {
        ReadTable {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(innodbTableId, "innodbTableId");
        }

        /** A table read from a {@code .frm} or an SDI; the SDI's table id is read once, here. */
        static ReadTable of(Path file, TableDefinition definition) {
            boolean sdi = file.getFileName().toString().endsWith(".ibd");
            return new ReadTable(file, definition, sdi, sdi ? sePrivateId(file) : OptionalLong.empty());
        }
    }

    private static boolean hasFulltext(TableDefinition t) {
        return t.indexes().stream().anyMatch(i -> i.kind() == IndexKind.FULLTEXT)
                || t.columns().stream().anyMatch(c -> c.name().toUpperCase(Locale.ROOT).equals("FTS_DOC_ID"));
    }

    /** The space id in page 0's FIL header, if the file has one to read. */
    static OptionalLong spaceId(Path file) {
        if (SourceFiles.kindFollowingLinks(file) != SourceFiles.Kind.FILE) {
            return OptionalLong.empty();
        }
        try {
            byte[] head = SourceFiles.readHead(file, SPACE_ID_OFFSET + 4, ".ibd file");
            if (head.length < SPACE_ID_OFFSET + 4) {
                return OptionalLong.empty();
            }
            long id = (head[34] & 0xFFL) << 24 | (head[35] & 0xFFL) << 16 | (head[36] & 0xFFL) << 8
                    | (head[37] & 0xFFL);
            return id == 0 ? OptionalLong.empty() : OptionalLong.of(id);
        } catch (RecoveryException e) {
            return OptionalLong.empty();
        }
    }

    /** The InnoDB table id a MySQL 8 tablespace's table document names ({@code dd_object.se_private_id}). */
    private static OptionalLong sePrivateId(Path ibd) {
        try {
            for (SdiReader.Document d : SdiReader.read(ibd)) {
                if (d.type() != 1) {
                    continue;
                }
                JsonNode object = JSON.readTree(d.json()).findValue("dd_object");
                JsonNode id = object == null ? null : object.get("se_private_id");
                if (id != null && id.canConvertToLong()) {
                    return OptionalLong.of(id.asLong());
                }
            }
        } catch (RecoveryException | IOException e) {
            // the table's own item already reports an unreadable SDI; here it only means "no evidence"
        }
        return OptionalLong.empty();
    }
}
