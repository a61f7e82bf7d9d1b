package dev.tollgate.plugins.filelog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one writer of a log file. Every plugin instance logging to the same path shares it, and
 * it writes one whole line at a time under a lock, so lines from concurrent requests never
 * interleave. A lock, not {@code synchronized}: writers may be virtual threads.
 */
final class LogFile {
    private static final ConcurrentHashMap<Path, LogFile> OPEN = new ConcurrentHashMap<>();
    private static final StandardOpenOption[] APPEND = {
        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND};

    private final Path path;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel; // guarded by lock; null until the first write, or after a failure

    private LogFile(Path path) {
        this.path = path;
    }

    /** The writer of {@code path}, the same for every spelling of the same absolute path. */
    static LogFile of(Path path) {
        return OPEN.computeIfAbsent(path.toAbsolutePath().normalize(), LogFile::new);
    }

    /**
     * Appends {@code line} (which ends with a line break). With {@code reopen} the file is opened
     * and closed around the write, so a file moved away by log rotation is created anew.
     */
    void append(byte[] line, boolean reopen) throws IOException {
        lock.lock();
        try {
            if (reopen) {
                closeQuietly();
                try (FileChannel once = FileChannel.open(path, APPEND)) {
                    writeFully(once, line);
                }
                return;
            }
            if (channel == null) {
                channel = FileChannel.open(path, APPEND);
            }
            try {
                writeFully(channel, line);
            } catch (IOException e) {
                closeQuietly(); // the next entry tries a fresh channel
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private static void writeFully(FileChannel channel, byte[] line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to save: the channel is dropped either way
            }
            channel = null;
        }
    }

    @Override
    public String toString() {
        return "LogFile[" + path + "]";
    }
}
