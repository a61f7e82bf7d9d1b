package dev.tollgate.host.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import dev.tollgate.host.config.DataDirectory;

/**
 * Usage records that could not be written to the database, one JSON line each, appended to
 * {@code usage-spill.jsonl} and forced to disk. To replay, the file is first moved aside to
 * {@code usage-spill.jsonl.replay}, so that records spilled meanwhile go to a fresh file; the
 * moved file is deleted once every line is stored, and replayed again (after a crash, or a
 * database lost halfway) until then.
 */
final class UsageSpill {
    private final Path file;
    private final Path replay;
    private volatile boolean pending;

    UsageSpill(Path file) {
        this.file = file;
        this.replay = file.resolveSibling(file.getFileName() + ".replay");
        this.pending = Files.exists(file) || Files.exists(replay);
    }

    Path path() {
        return file;
    }

    /** True when lines wait to be replayed (also from before a restart). */
    boolean pending() {
        return pending;
    }

    /** Appends the lines and forces them to disk before answering. */
    synchronized void append(List<String> lines) throws IOException {
        DataDirectory.createPrivate(file.toAbsolutePath().getParent());
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        try (FileChannel out = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), DataDirectory.privateFile(file))) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(false);
        }
        pending = true;
    }

    /**
     * The file to replay next: one left over from an unfinished replay, else the spill file
     * moved aside; empty when nothing waits.
     */
    synchronized Optional<Path> claim() throws IOException {
        if (Files.exists(replay)) {
            return Optional.of(replay);
        }
        if (Files.exists(file)) {
            Files.move(file, replay, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(replay);
        }
        pending = false;
        return Optional.empty();
    }

    /** Every line of {@code claimed} is stored: forget it. */
    synchronized void replayed(Path claimed) throws IOException {
        Files.deleteIfExists(claimed);
        pending = Files.exists(file);
    }

    /** Reads leniently: a line cut by a crash (bad UTF-8 included) must not stop the lines after it. */
    static BufferedReader read(Path claimed) throws IOException {
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(claimed), StandardCharsets.UTF_8));
    }
}
