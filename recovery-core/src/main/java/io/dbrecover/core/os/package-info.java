/**
 * <b>SPI:</b> the operating system's users ({@link io.dbrecover.core.os.OsUsers}: whether this JVM runs as root, the
 * users servers run as, ownership of a tree given to one). Below {@code process} and {@code workspace}, which both
 * use it, and depending on neither.
 */
package io.dbrecover.core.os;
