/**
 * The MariaDB / MySQL engine of dbrecover: {@link io.dbrecover.mysql.MySqlEngine}, found through
 * {@link java.util.ServiceLoader}.
 */
package io.dbrecover.mysql;
