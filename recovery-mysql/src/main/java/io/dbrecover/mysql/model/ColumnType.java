package io.dbrecover.mysql.model;

/** The column types of MySQL and MariaDB, grouped by how they are declared and rendered. */
public enum ColumnType {
    TINYINT("tinyint", Family.INTEGER),
    SMALLINT("smallint", Family.INTEGER),
    MEDIUMINT("mediumint", Family.INTEGER),
    INT("int", Family.INTEGER),
    BIGINT("bigint", Family.INTEGER),
    DECIMAL("decimal", Family.DECIMAL),
    FLOAT("float", Family.FLOATING),
    DOUBLE("double", Family.FLOATING),
    BIT("bit", Family.BIT),
    CHAR("char", Family.STRING),
    VARCHAR("varchar", Family.STRING),
    BINARY("binary", Family.BINARY),
    VARBINARY("varbinary", Family.BINARY),
    TINYTEXT("tinytext", Family.TEXT),
    TEXT("text", Family.TEXT),
    MEDIUMTEXT("mediumtext", Family.TEXT),
    LONGTEXT("longtext", Family.TEXT),
    TINYBLOB("tinyblob", Family.BLOB),
    BLOB("blob", Family.BLOB),
    MEDIUMBLOB("mediumblob", Family.BLOB),
    LONGBLOB("longblob", Family.BLOB),
    ENUM("enum", Family.LIST),
    SET("set", Family.LIST),
    DATE("date", Family.TEMPORAL),
    TIME("time", Family.TEMPORAL),
    DATETIME("datetime", Family.TEMPORAL),
    TIMESTAMP("timestamp", Family.TEMPORAL),
    YEAR("year", Family.YEAR),
    /** MySQL 5.7 native JSON (MariaDB's JSON is LONGTEXT with a check). */
    JSON("json", Family.JSON),
    /** Any spatial type; the exact one is {@link DataType#geometry()}. */
    GEOMETRY("geometry", Family.GEOMETRY),
    /** A plugin data type known by name only, such as MariaDB {@code inet6}, {@code uuid}, {@code inet4}. */
    EXTENDED("", Family.EXTENDED);

    /** How a type family is declared and how its literals look. */
    public enum Family { INTEGER, DECIMAL, FLOATING, BIT, STRING, BINARY, TEXT, BLOB, LIST, TEMPORAL, YEAR, JSON,
        GEOMETRY, EXTENDED }

    private final String sqlName;
    private final Family family;

    ColumnType(String sqlName, Family family) {
        this.sqlName = sqlName;
        this.family = family;
    }

    /** The lower-case SQL name ({@code ""} for {@link #EXTENDED}, whose name is in the data type). */
    public String sqlName() {
        return sqlName;
    }

    public Family family() {
        return family;
    }

    /** Numeric types take UNSIGNED/ZEROFILL and unquoted literal defaults. */
    public boolean isNumeric() {
        return family == Family.INTEGER || family == Family.DECIMAL || family == Family.FLOATING;
    }

    /** Types whose values carry a character set (CHAR, VARCHAR, TEXT family, ENUM, SET). */
    public boolean hasCharset() {
        return family == Family.STRING || family == Family.TEXT || family == Family.LIST;
    }

    /** TEXT/BLOB/JSON/GEOMETRY: values live outside the row; keys on them need a prefix. */
    public boolean isLob() {
        return family == Family.TEXT || family == Family.BLOB || family == Family.JSON || family == Family.GEOMETRY;
    }
}
