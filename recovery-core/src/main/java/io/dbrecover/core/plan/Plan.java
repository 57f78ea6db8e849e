package io.dbrecover.core.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a recovery will do, as an ordered list of named steps.
 *
 * @param id          identifies the kind of plan (e.g. {@code mysql-recover}); a work dir journaled for one plan
 *                    cannot be resumed with another
 * @param fingerprint the options that shape the plan, so that resuming with different options is refused
 * @param steps       the steps in order
 */
public record Plan(String id, String fingerprint, List<Step> steps) {
    public Plan {
        Objects.requireNonNull(id, "id");
        fingerprint = fingerprint == null ? "" : fingerprint;
        steps = List.copyOf(steps);
        Set<String> names = new HashSet<>();
        for (Step s : steps) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("duplicate step name in plan " + id + ": " + s.name());
            }
        }
    }
}
