/**
 * <b>SPI:</b> the proofs engines take and compare: {@link io.dbrecover.core.verify.RowHash} (row count and an
 * ordered SHA-256 of every value) and {@link io.dbrecover.core.verify.TableCheck}, which records a table's
 * comparison as an item and its verifications. Callers see the results in the report.
 */
package io.dbrecover.core.verify;
