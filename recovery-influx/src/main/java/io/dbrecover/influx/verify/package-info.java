/**
 * Proof that an InfluxDB database holds what it held: counts of points, values and series, field types and ordered
 * hashes of every point, asked of the server itself and compared before and after a recovery.
 */
package io.dbrecover.influx.verify;
