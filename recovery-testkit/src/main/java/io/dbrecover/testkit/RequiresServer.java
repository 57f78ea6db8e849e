package io.dbrecover.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test needs a throwaway server of an engine ({@code mysql}, {@code postgres}, {@code influx}). When none can be
 * started here the test is skipped, unless the system property {@code dbrecover.requireBinaries=true} is set (the
 * test command sets it): then it fails, so that CI never passes with integration tests silently skipped.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresServerCondition.class)
@Repeatable(RequiresServers.class)
public @interface RequiresServer {
    /** The engine id. */
    String value();

    /** The origin that must be usable: {@code any}, {@code system} or {@code embedded}. */
    String origin() default "any";
}
