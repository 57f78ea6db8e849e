/**
 * The public vocabulary of dbrecover: results as records, one exception type with error codes.
 * Engines and callers share these types; nothing here does I/O.
 */
package io.dbrecover.core.api;
