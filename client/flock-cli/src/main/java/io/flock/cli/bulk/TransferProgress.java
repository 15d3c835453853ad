package io.flock.cli.bulk;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of a bulk transfer (bytes, rate, ETA when the size is known, rows once known),
 * drawn by the progressbar library on standard error; silent when it is not a terminal.
 *
 * <p>Thread-safe: parallel parts count into one bar.
 */
public final class TransferProgress implements AutoCloseable {
    private final ProgressBar bar;

    private TransferProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A bar titled {@code task} over {@code totalBytes} (-1 when unknown) on {@code err}, or a silent
     * one when {@code visible} is false.
     */
    public static TransferProgress start(String task, long totalBytes, boolean visible, PrintStream err) {
        if (!visible) {
            return new TransferProgress(null);
        }
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalBytes)
                .setUnit(" MB", 1024 * 1024).showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(err));
        return new TransferProgress(builder.build());
    }

    /** Whether this process writes its errors to a terminal (so a bar is drawn). */
    public static boolean onTerminal() {
        return io.flock.cli.ErrorTerminal.isTerminal();
    }

    /** Counts the bytes read from {@code in}. */
    public InputStream count(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    add(n);
                }
                return n;
            }
        };
    }

    /** Counts the bytes written into {@code out}. */
    public OutputStream count(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                add(1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                out.write(buffer, offset, length);
                add(length);
            }
        };
    }

    /** Shows the row count once it is known. */
    public void rows(long rows) {
        if (bar != null) {
            bar.setExtraMessage(rows + " rows");
        }
    }

    private void add(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
