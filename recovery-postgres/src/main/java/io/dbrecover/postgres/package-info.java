/**
 * The PostgreSQL engine of dbrecover: {@link io.dbrecover.postgres.PostgresEngine}, found through
 * {@link java.util.ServiceLoader}.
 */
package io.dbrecover.postgres;
