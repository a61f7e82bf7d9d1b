package dev.tollgate.host;

import java.time.Duration;

/** Runs a task now and then every {@code period} on a virtual thread until closed. */
final class Heartbeat implements AutoCloseable {
    private final Thread thread;
    private volatile boolean closed;

    private Heartbeat(Runnable task, Duration period) {
        this.thread = Thread.ofVirtual().name("tollgate-heartbeat").start(() -> {
            while (!closed) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    System.getLogger(Heartbeat.class.getName()).log(System.Logger.Level.WARNING, "heartbeat failed", e);
                }
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static Heartbeat start(Runnable task, Duration period) {
        return new Heartbeat(task, period);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
