/**
 * Records the InfluxDB face returns and the shared vocabulary of its readers: field types as the TSM format numbers
 * them, and damage found in a file (which file, where, which series, what is wrong).
 */
package io.dbrecover.influx.model;
