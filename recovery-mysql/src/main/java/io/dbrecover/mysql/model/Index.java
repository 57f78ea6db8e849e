package io.dbrecover.mysql.model;

import java.util.List;
import java.util.Objects;

/**
 * An index (key) of a table.
 *
 * @param kind PRIMARY, UNIQUE, KEY, FULLTEXT or SPATIAL
 * @param name index name ({@code PRIMARY} for the primary key)
 * @param parts indexed columns in order
 * @param algorithm explicit USING clause
 * @param comment index comment, {@code ""} when none
 * @param parser FULLTEXT parser plugin name, or {@code null}
 * @param keyBlockSize explicit KEY_BLOCK_SIZE of this index, 0 when not given
 * @param ignored MariaDB IGNORED (not used by the optimizer)
 * @param withoutOverlaps the application-time period named by {@code p WITHOUT OVERLAPS}, or {@code null}
 * @param engineOptions engine-defined index attributes
 */
public record Index(IndexKind kind, String name, List<IndexPart> parts, IndexAlgorithm algorithm, String comment,
                    String parser, int keyBlockSize, boolean ignored, String withoutOverlaps,
                    List<EngineOption> engineOptions) {
    public Index {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(comment, "comment");
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        engineOptions = List.copyOf(Objects.requireNonNull(engineOptions, "engineOptions"));
        if (name.isEmpty() || parts.isEmpty()) {
            throw new IllegalArgumentException("index needs a name and at least one column: '" + name + "'");
        }
        if ((kind == IndexKind.PRIMARY) != name.equals("PRIMARY")) {
            throw new IllegalArgumentException("only the primary key is named PRIMARY: " + kind + " " + name);
        }
        if (parser != null && kind != IndexKind.FULLTEXT) {
            throw new IllegalArgumentException("only FULLTEXT indexes have a parser: " + name);
        }
        if (keyBlockSize < 0) {
            throw new IllegalArgumentException("negative KEY_BLOCK_SIZE on " + name);
        }
    }
}
