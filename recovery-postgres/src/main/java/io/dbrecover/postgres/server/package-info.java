/**
 * Throwaway PostgreSQL servers: binary discovery (option, {@code DBRECOVER_POSTGRES_BIN}, PATH, well-known
 * directories, zonky embedded binaries), {@code initdb} and {@code postgres} command lines, and the managed server.
 */
package io.dbrecover.postgres.server;
