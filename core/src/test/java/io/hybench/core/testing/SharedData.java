package io.hybench.core.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Locates {@code ../shared} (fixtures and datasets that must not be copied into the project).
 * Absent locally, tests that need it are skipped with a visible reason; absent under {@code CI=true},
 * they fail, so they cannot silently vanish from CI.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared directory, or aborts/fails the calling test when it is missing. */
    public static Path dir() {
        String configured = System.getenv("HYBENCH_SHARED_DIR");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        if (Files.isDirectory(dir)) return dir.toAbsolutePath().normalize();
        String reason = "../shared not found at " + dir.toAbsolutePath().normalize()
                + " (set HYBENCH_SHARED_DIR); test needs the recorded fixtures/datasets there";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but " + reason);
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /** A file under the shared directory that must exist. */
    public static Path file(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) fail("missing shared file " + p);
        return p;
    }
}
