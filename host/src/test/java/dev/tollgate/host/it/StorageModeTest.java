package dev.tollgate.host.it;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that share one gateway per storage mode: a subclass names the mode, usually as nested
 * {@code H2} and {@code Postgres} classes, and finds the gateway in {@link #t}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorageModeTest {
    TestGateway t;

    /** The storage mode this run uses: "h2" or "postgres". */
    abstract String mode();

    @BeforeAll
    void startGateway(@TempDir Path dir) {
        t = TestGateway.start(mode(), dir);
    }

    @AfterAll
    void stopGateway() {
        t.close();
    }
}
