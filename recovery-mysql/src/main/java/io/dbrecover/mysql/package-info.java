/**
 * The face of the MariaDB / MySQL engine for other Java tools: {@link io.dbrecover.mysql.MySqlDdl} (table
 * definitions from {@code .frm}/SDI files) and {@link io.dbrecover.mysql.MySqlRecover} (orphaned files back to
 * verified tables), with their request records. What they return lives in the API packages {@code scan} (a scan's
 * result), {@code model} (the definitions) and {@code ddl} ({@code Dialect}); the engine itself
 * ({@code engine.MySqlEngine}) is found through {@link java.util.ServiceLoader}.
 *
 * <p>API. Nothing below this package depends on it: the facades turn their requests into the internal packages'
 * own inputs. The subpackages are internal unless their {@code package-info} says otherwise.
 */
package io.dbrecover.mysql;
