/** Moving PostgreSQL files from sources into the work dir, never the other way. */
package io.dbrecover.postgres.workspace;
