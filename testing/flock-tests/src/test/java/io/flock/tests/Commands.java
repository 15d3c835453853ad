package io.flock.tests;

import java.io.IOException;

/** Tools of the machine some tests call (curl, util-linux script); they are skipped where one is missing. */
public final class Commands {
    private Commands() {
    }

    /** Whether {@code command} (e.g. {@code curl --version}) runs and exits 0 here. */
    public static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
