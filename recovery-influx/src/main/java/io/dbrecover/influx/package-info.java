/**
 * InfluxDB 1.x and 2.x data directories: the face other Java tools call (inspect, verify and export TSM/WAL
 * files; rebuild a lost TSI index; restore an old data directory into a new one) and the record packages it
 * names. Every other package is internal.
 */
package io.dbrecover.influx;
