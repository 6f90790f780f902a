package io.hybench.reports.html;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What every page states about where its numbers came from. A page cannot be built without it.
 *
 * @param projectVersion   the hybench version that measured (or calibrated) the data
 * @param reproduceCommand the exact command line that reproduces the data
 * @param environment      machine, JVM, OS and target versions, in display order
 * @param emulated         targets served by the emulator; empty when every target was a real server
 * @param generatedAt      when the report was written
 */
public record Provenance(String projectVersion, String reproduceCommand, List<Fact> environment,
                         List<EmulatedTarget> emulated, Instant generatedAt) {
    public Provenance {
        Objects.requireNonNull(projectVersion, "projectVersion");
        Objects.requireNonNull(reproduceCommand, "reproduceCommand");
        Objects.requireNonNull(generatedAt, "generatedAt");
        environment = List.copyOf(environment);
        emulated = List.copyOf(emulated);
    }
}
