/**
 * What {@code MySqlDdl.scan} returns: the {@link io.dbrecover.mysql.scan.Scan} of a set of sources, one
 * {@link io.dbrecover.mysql.scan.Scan.Item} per definition file, the databases and the symbolic links met.
 *
 * <p>API: records only, shared by the face and the internal scanner ({@code datadir}) and the transplant.
 */
package io.dbrecover.mysql.scan;
