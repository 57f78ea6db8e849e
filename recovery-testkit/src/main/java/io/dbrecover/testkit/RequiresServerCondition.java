package io.dbrecover.testkit;

import io.dbrecover.core.server.BinaryDiscovery;
import io.dbrecover.core.server.BinaryOrigin;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.core.server.ServerProvider;
import io.dbrecover.core.spi.Engine;
import io.dbrecover.core.spi.Engines;
import java.util.List;
import java.util.Locale;
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
        List<RequiresServer> wanted = context.getElement()
                .map(e -> AnnotationSupport.findRepeatableAnnotations(e, RequiresServer.class)).orElse(List.of());
        if (wanted.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresServer");
        }
        StringBuilder found = new StringBuilder();
        for (RequiresServer ann : wanted) {
            String engineId = ann.value();
            String origin = ann.origin().toLowerCase(Locale.ROOT);
            Engine engine = Engines.byId(engineId);
            ServerProvider provider = engine.servers().orElseThrow(
                    () -> new IllegalStateException("engine " + engineId + " has no throwaway servers"));
            ServerOptions.Builder options = ServerOptions.builder();
            if (!"any".equals(origin)) {
                options.origin(BinaryOrigin.valueOf(origin.toUpperCase(Locale.ROOT)));
            }
            BinaryDiscovery d = provider.discover(options.build());
            if (!d.found()) {
                String why = "no " + origin + " " + engineId + " server here (searched " + d.searched() + "); "
                        + d.missingHint();
                if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
                    throw new IllegalStateException(REQUIRE_PROPERTY + "=true and " + why);
                }
                return ConditionEvaluationResult.disabled(why);
            }
            found.append(engineId).append(": ").append(d.origin().get().label()).append(' ').append(d.binDir())
                    .append("; ");
        }
        return ConditionEvaluationResult.enabled(found.toString());
    }
}
