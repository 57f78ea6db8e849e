package io.dbrecover.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * What {@code doctor} found for one engine.
 *
 * @param engine       the engine id
 * @param displayName  e.g. "MariaDB / MySQL"
 * @param usable       whether a throwaway server of this engine can be started here
 * @param serverOrigin the origin that would be used ({@code system}, {@code embedded}) or {@code null}
 * @param tools        each program looked for
 * @param advice       what to do when something is missing (an install command), or empty
 */
public record EngineCheck(String engine, String displayName, boolean usable, String serverOrigin,
                          List<ToolCheck> tools, String advice) {
    public EngineCheck {
        Objects.requireNonNull(engine, "engine");
        tools = List.copyOf(tools);
        advice = advice == null ? "" : advice;
    }
}
