package io.dbrecover.core.plan;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import java.util.List;

/**
 * What one completed step recorded, kept in the journal so that a resumed run reports it again.
 *
 * @param items         per-item results
 * @param findings      findings
 * @param verifications checks made
 * @param tools         tools used
 */
public record StepResults(List<ItemResult> items, List<Finding> findings, List<Verification> verifications,
                          List<ToolVersion> tools) {
    public StepResults {
        items = List.copyOf(items == null ? List.of() : items);
        findings = List.copyOf(findings == null ? List.of() : findings);
        verifications = List.copyOf(verifications == null ? List.of() : verifications);
        tools = List.copyOf(tools == null ? List.of() : tools);
    }
}
