package io.dbrecover.testkit;

import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.Engines;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresServer}. */
public final class RequiresServerCondition implements ExecutionCondition {
    /** The system property that turns a missing server into a failure. */
    public static final String REQUIRE_PROPERTY = "dbrecover.requireBinaries";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresServer> ann = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresServer.class));
        if (ann.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresServer");
        }
        String engineId = ann.get().value();
        String origin = ann.get().origin().toLowerCase(Locale.ROOT);
        Engine engine = Engines.byId(engineId);
        ServerProvider provider = engine.servers().orElseThrow(
                () -> new IllegalStateException("engine " + engineId + " has no throwaway servers"));
        ServerOptions.Builder options = ServerOptions.builder();
        if (!"any".equals(origin)) {
            options.origin(BinaryOrigin.valueOf(origin.toUpperCase(Locale.ROOT)));
        }
        BinaryDiscovery found = provider.discover(options.build());
        if (found.found()) {
            return ConditionEvaluationResult.enabled(engineId + " server found: " + found.origin().get().label()
                    + " " + found.binDir());
        }
        String why = "no " + origin + " " + engineId + " server here (searched " + found.searched() + "); "
                + found.missingHint();
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new IllegalStateException(REQUIRE_PROPERTY + "=true and " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}
