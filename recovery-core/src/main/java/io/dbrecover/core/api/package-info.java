/**
 * <b>API.</b> The public vocabulary of dbrecover: results as records ({@code RecoveryReport}, {@code ItemResult},
 * {@code Finding}, {@code Verification}), one unchecked exception type ({@code RecoveryException}) with an
 * {@code ErrorCode} and its exit code, progress callbacks. Engines and callers share these types; nothing here does
 * I/O.
 */
package io.dbrecover.core.api;
