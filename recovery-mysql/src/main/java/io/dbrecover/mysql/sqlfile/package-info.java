/**
 * Internal: the reader of SQL files (an old mysqldump, a schema file) given with {@code mysql recover --ddl}. It
 * splits a script into statements as the {@code mariadb} client does ({@code DELIMITER}, comments, quotes), keeps the
 * table definitions and runs them in a short-lived throwaway server, which parses the SQL; the {@code .frm} files that
 * server writes give the model. Not an API: the {@code io.dbrecover.mysql} facades are.
 */
package io.dbrecover.mysql.sqlfile;
