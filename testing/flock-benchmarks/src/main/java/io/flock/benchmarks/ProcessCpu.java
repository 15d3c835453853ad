package io.flock.benchmarks;

import java.lang.management.ManagementFactory;

/** The CPU time of this JVM: every thread, DuckDB's native ones included, as the operating system counts it. */
final class ProcessCpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {}

    /** CPU nanoseconds used so far; the difference of two calls is the CPU time between them. */
    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
