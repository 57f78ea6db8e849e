/** Staged PostgreSQL disasters for {@code dbrecover demo}. */
package io.dbrecover.postgres.demo;
