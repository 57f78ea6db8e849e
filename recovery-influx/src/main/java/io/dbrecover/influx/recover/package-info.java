/** Recovery building blocks for InfluxDB 1.x server directories: copying a source into the work dir. */
package io.dbrecover.influx.recover;
