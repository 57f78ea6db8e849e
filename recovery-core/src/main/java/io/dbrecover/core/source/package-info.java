/**
 * Reading source files safely: only regular files, never more than a format can hold, failures with the system's
 * reason ({@link io.dbrecover.core.source.SourceFiles}).
 */
package io.dbrecover.core.source;
