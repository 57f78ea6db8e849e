package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * One recovery in a JVM of its own, for the benchmark that runs it with a heap smaller than the table
 * ({@code FROM WORK BASE}): prints each item, then the peak heap the JVM used (the sum of its heap pools' peaks).
 */
public final class LargeRecoverMain {
    private LargeRecoverMain() {
    }

    public static void main(String[] args) {
        RecoveryReport report = MySqlRecover.recover(RecoverRequest.builder().from(Path.of(args[0]))
                .workDir(Path.of(args[1])).jobs(1).server(ServerOptions.builder().baseDir(Path.of(args[2])).build())
                .build());
        for (ItemResult item : report.items()) {
            System.out.println("item " + item.name() + " " + item.status() + " " + item.detail());
        }
        report.verifications().stream().filter(v -> !v.passed()).forEach(v -> System.out.println("failed " + v));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("outcome " + report.outcome());
        System.out.println("peak-heap-bytes " + peak);
        System.out.println("max-heap-bytes " + Runtime.getRuntime().maxMemory());
    }
}
