package io.flock.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The machine's 1-minute load average, to tell in the results whether other work shared the
 * cores while the benchmarks ran (they are end to end and sensitive to it).
 */
final class LoadAverage {
    private LoadAverage() {}

    /** The 1-minute load average, or "unknown" where the platform does not report one. */
    static String oneMinute() {
        double average = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return average < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", average);
    }
}
