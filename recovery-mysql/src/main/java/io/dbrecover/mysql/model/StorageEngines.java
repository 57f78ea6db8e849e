package io.dbrecover.mysql.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The storage engines MariaDB, MySQL and their forks have registered, by the names their {@code .frm} files and
 * SDI documents store. A name read from a file is checked against them: a damaged name ({@code IonoDB},
 * {@code In\0\0\0}) is refused as damage instead of being written into a statement the server refuses.
 */
public final class StorageEngines {
    /** Lower-case names. Spellings differ by writer (MRG_MYISAM, MRG_MyISAM): the check ignores case. */
    private static final Set<String> KNOWN = Set.of("innodb", "myisam", "mrg_myisam", "merge", "memory", "heap", "aria",
            "maria", "csv", "archive", "blackhole", "federated", "federatedx", "example", "ndbcluster", "ndb",
            "ndbinfo", "partition", "performance_schema", "sequence", "tokudb", "rocksdb", "connect", "spider", "s3",
            "mroonga", "oqgraph", "sphinx", "cassandra", "leveldb", "columnstore", "infinidb", "berkeleydb", "bdb",
            "isam", "mrg_isam", "pbxt", "falcon", "ibmdb2i", "temptable", "brighthouse", "scaledb", "deep",
            "xtradb", "wsrep", "binlog");
    /** What an engine name may look like at all. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /**
     * The legacy engine codes (header byte 3) that were fixed at compile time in every server; codes from 41 on
     * were assigned at run time by some versions and tell nothing.
     */
    private static final Map<String, Integer> FIXED_CODES = Map.ofEntries(Map.entry("memory", 6), Map.entry("heap", 6),
            Map.entry("myisam", 9), Map.entry("mrg_myisam", 10), Map.entry("innodb", 12), Map.entry("ndbcluster", 14),
            Map.entry("archive", 16), Map.entry("csv", 17), Map.entry("federated", 18), Map.entry("blackhole", 19),
            Map.entry("partition", 20));

    private StorageEngines() {
    }

    /** Whether some server has registered an engine of this name (case-insensitive). */
    public static boolean isKnown(String name) {
        return KNOWN.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Why {@code name} is no engine name, or {@code null} when it is one. */
    public static String problem(String name) {
        if (!NAME.matcher(name).matches()) {
            return "'" + name + "' is not an engine name at all";
        }
        return isKnown(name) ? null : "no MariaDB or MySQL server ever had an engine named '" + name + "'";
    }

    /** The fixed legacy code of an engine, when it has one. */
    public static Optional<Integer> fixedCode(String name) {
        return Optional.ofNullable(FIXED_CODES.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether a legacy code is one of the fixed ones (below 41, not 0). */
    public static boolean isFixedCode(int code) {
        return code > 0 && code < 41;
    }
}
