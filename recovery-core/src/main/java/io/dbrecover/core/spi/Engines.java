package io.dbrecover.core.spi;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The engines on the class path. */
public final class Engines {
    private Engines() {
    }

    /** Every registered engine, sorted by id. */
    public static List<Engine> all() {
        List<Engine> out = new ArrayList<>();
        ServiceLoader.load(Engine.class, Engines.class.getClassLoader()).forEach(out::add);
        out.sort(Comparator.comparing(Engine::id));
        return out;
    }

    /** The engine with the given id. */
    public static Engine byId(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(() -> RecoveryException.of(
                        ErrorCode.USAGE, "unknown engine '" + id + "'")
                .hint("known engines: " + all().stream().map(Engine::id).toList()).build());
    }
}
