/**
 * Internal: the discard/import tablespace transplant behind {@code MySqlRecover}. One class per concern: the
 * {@code Assessment} (the run's first step: sources, definitions, page-0 facts, layout checks), the {@code Target}
 * (a throwaway MariaDB in the work dir, or the {@code --into} server), {@code TableImport}, {@code TableProof},
 * {@code ForeignKeys} and {@code DumpProof}; {@code Transplant} builds the plan from its {@code TransplantInput}, which
 * {@code MySqlRecover} makes from the request (so nothing here depends on the face). Not an API: the
 * {@code io.dbrecover.mysql} facades are.
 */
package io.dbrecover.mysql.transplant;
