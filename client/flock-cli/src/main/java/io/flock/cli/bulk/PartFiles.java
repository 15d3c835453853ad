package io.flock.cli.bulk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The part files of one parallel export in a directory ({@code part-00000.csv}, …). Each part
 * is written as {@code part-00000.csv.partial} and renamed to its real name by {@link #complete}
 * only once every part has arrived; {@link #discard} deletes them all. So a failed export leaves
 * no file that looks finished, and the parts of a complete one appear together.
 *
 * <p>Thread-safe: parts are opened concurrently from the export's threads.
 */
public final class PartFiles {
    private final Path directory;
    private final String suffix;
    private final Map<Integer, Path> partials = new TreeMap<>();
    private boolean ended;
    private IOException localFailure;

    /**
     * @param directory where the parts go (created if missing)
     * @param suffix the file name's ending after the part number, e.g. {@code .csv.gz}
     */
    public PartFiles(Path directory, String suffix) {
        this.directory = requireNonNull(directory, "directory is null");
        this.suffix = requireNonNull(suffix, "suffix is null");
    }

    /** The final name of part {@code part}. */
    public Path file(int part) {
        return directory.resolve(String.format("part-%05d%s", part, suffix));
    }

    /**
     * Creates the {@code .partial} file of part {@code part} for writing.
     *
     * @throws IOException if it cannot be created (remembered as {@link #localFailure}), or the
     *         export has already ended (a part still arriving after a failure)
     */
    public synchronized OutputStream open(int part) throws IOException {
        if (ended) {
            throw new IOException("The export has ended; part " + part + " is not written");
        }
        Path partial = partial(part);
        try {
            OutputStream out = Files.newOutputStream(partial);
            partials.put(part, partial);
            return out;
        } catch (IOException e) {
            if (localFailure == null) {
                localFailure = new IOException("Cannot create " + partial + ": " + e, e);
            }
            throw e;
        }
    }

    /**
     * Renames every part to its final name, replacing files of an earlier export. Those are first
     * moved aside ({@code .previous}) and deleted only once every part is in place: if a rename
     * fails, this export's parts are deleted, the earlier files are put back, and the failure thrown.
     */
    public synchronized void complete() throws IOException {
        ended = true;
        Map<Path, Path> previous = new TreeMap<>(); // earlier file -> where it was moved aside
        List<Path> renamed = new ArrayList<>();
        try {
            for (Integer part : partials.keySet()) {
                Path target = file(part);
                if (Files.isRegularFile(target)) {
                    Path aside = target.resolveSibling(target.getFileName() + ".previous");
                    Files.move(target, aside, StandardCopyOption.REPLACE_EXISTING);
                    previous.put(target, aside);
                }
            }
            for (Map.Entry<Integer, Path> part : partials.entrySet()) {
                Path target = file(part.getKey());
                Files.move(part.getValue(), target);
                renamed.add(target);
            }
            partials.clear();
        } catch (IOException e) {
            for (Path file : renamed) {
                Files.deleteIfExists(file);
            }
            deletePartials();
            for (Map.Entry<Path, Path> earlier : previous.entrySet()) {
                Files.move(earlier.getValue(), earlier.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
            throw new IOException("Cannot rename the parts to their final names in " + directory + " (files of an"
                    + " earlier export there are kept): " + e, e);
        }
        for (Path aside : previous.values()) {
            Files.deleteIfExists(aside);
        }
    }

    /** Deletes every part written so far; parts still arriving are refused. */
    public synchronized void discard() {
        ended = true;
        deletePartials();
    }

    /** The first failure to create a part file here, if there was one (the export fails then). */
    public synchronized Optional<IOException> localFailure() {
        return Optional.ofNullable(localFailure);
    }

    private Path partial(int part) {
        Path file = file(part);
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    private void deletePartials() {
        for (Path partial : partials.values()) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // left as .partial: it does not look finished
            }
        }
        partials.clear();
    }
}
