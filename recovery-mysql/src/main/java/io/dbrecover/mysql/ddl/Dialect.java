package io.dbrecover.mysql.ddl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The server, and for MySQL the release line, a DDL script is written for.
 *
 * <p>{@link #MARIADB} is MariaDB 10.11's {@code SHOW CREATE} style. The MySQL dialects write each table as that
 * MySQL release line's own {@code SHOW CREATE TABLE} prints it (docs/formats/frm.md §22): quoted literal defaults,
 * no {@code DEFAULT NULL} on TEXT/BLOB, {@code COLLATE=} only where that line prints it, display widths up to 5.7,
 * {@code utf8}/{@code utf8mb3} spelled as the line spells it, partitions in {@code /*!50100 … *}{@code /}.
 * What a line cannot carry (MariaDB periods and system versioning, fractional seconds before 5.6, generated
 * columns before 5.7, expression defaults before 8.0…) is left out and named in a {@code -- } note before the
 * statement. View and trigger text is written as read in every dialect.
 *
 * <p>{@link #MYSQL} picks the line per file: the MySQL release that wrote it when the file says so (a {@code .frm}
 * header, an SDI's {@code mysqld_version_id}), else the newest line ({@link #MYSQL_8_4}); see
 * {@link #forWriter(long)}.
 */
public enum Dialect {
    /** MariaDB 10.11. */
    MARIADB("mariadb", 0),
    /** MySQL as the release that wrote the file prints it; the newest line when the file does not say. */
    MYSQL("mysql", 0),
    /** MySQL 5.5 (also what MySQL 5.0/5.1 and MariaDB 5.x printed). */
    MYSQL_5_5("mysql-5.5", 50500),
    /** MySQL 5.6: fractional seconds, DATETIME defaults, STATS_* options. */
    MYSQL_5_6("mysql-5.6", 50600),
    /** MySQL 5.7: JSON, generated columns. */
    MYSQL_5_7("mysql-5.7", 50700),
    /** MySQL 8.0 as its current releases (8.0.30 and later) print it. */
    MYSQL_8_0("mysql-8.0", 80000),
    /** MySQL 8.4 LTS: prints as 8.0, refuses AUTO_INCREMENT on FLOAT/DOUBLE. */
    MYSQL_8_4("mysql-8.4", 80400);

    private final String label;
    private final int series;

    Dialect(String label, int series) {
        this.label = label;
        this.series = series;
    }

    /** The name used on the command line and in reports: {@code mariadb}, {@code mysql}, {@code mysql-5.7}… */
    public String label() {
        return label;
    }

    /** Every MySQL dialect, {@link #MYSQL} included. */
    public boolean isMySql() {
        return this != MARIADB;
    }

    /** The release line's version id ({@code 50700} for 5.7); 0 for {@link #MARIADB} and {@link #MYSQL}. */
    int series() {
        return series;
    }

    /**
     * This dialect for a file written by the server with this version id ({@code MYSQL_VERSION_ID}, e.g. 50621
     * for 5.6.21; 0 when the file does not say). Only {@link #MYSQL} depends on it: a MySQL writer up to 5.5 gives
     * {@link #MYSQL_5_5} (files of before 5.0 too; version ids 50000–50599 may also be MariaDB 5.x, which printed
     * the same way), 5.6 and
     * 5.7 their lines, 8.0 and 8.1–8.3 {@link #MYSQL_8_0}, 8.4 and later {@link #MYSQL_8_4}; a MariaDB 10+ writer
     * (100000 and above) or an unknown one gives the newest line, {@link #MYSQL_8_4}.
     */
    public Dialect forWriter(long writerVersionId) {
        if (this != MYSQL) {
            return this;
        }
        if (writerVersionId <= 0 || writerVersionId >= 100000) {
            return MYSQL_8_4;
        }
        if (writerVersionId < 50600) {
            return MYSQL_5_5;
        }
        if (writerVersionId < 50700) {
            return MYSQL_5_6;
        }
        if (writerVersionId < 80000) {
            return MYSQL_5_7;
        }
        return writerVersionId < 80400 ? MYSQL_8_0 : MYSQL_8_4;
    }

    /** The dialect named {@code label} (case-insensitive), e.g. {@code mysql-5.6}. */
    public static Dialect fromLabel(String label) {
        for (Dialect d : values()) {
            if (d.label.equalsIgnoreCase(label.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + label + "' (known: " + labels() + ")");
    }

    /** {@code mariadb, mysql, mysql-5.5, …}. */
    public static String labels() {
        return Arrays.stream(values()).map(Dialect::label).collect(Collectors.joining(", "));
    }

    /** {@code MySQL 5.7}, {@code MariaDB}, or {@code MySQL} for the per-file choice. */
    public String displayName() {
        if (this == MARIADB) {
            return "MariaDB";
        }
        return this == MYSQL ? "MySQL" : "MySQL " + label.substring("mysql-".length());
    }

    /** A version id as text: {@code 50621} ⇒ {@code 5.6.21}, {@code 101119} ⇒ {@code 10.11.19}. */
    public static String versionText(long versionId) {
        return String.format(Locale.ROOT, "%d.%d.%d", versionId / 10000, versionId / 100 % 100, versionId % 100);
    }
}
