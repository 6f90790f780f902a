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
 * @param emulationUnknown why the page cannot say whether its numbers came from real servers (no targets at all,
 *                         or data that does not record it); null when {@code emulated} is the whole truth
 */
public record Provenance(String projectVersion, String reproduceCommand, List<Fact> environment,
                         List<EmulatedTarget> emulated, Instant generatedAt, String emulationUnknown) {
    /** Provenance of data whose targets are all known: {@code emulated} lists those the emulator served. */
    public Provenance(String projectVersion, String reproduceCommand, List<Fact> environment, List<EmulatedTarget> emulated,
                      Instant generatedAt) {
        this(projectVersion, reproduceCommand, environment, emulated, generatedAt, null);
    }

    public Provenance {
        Objects.requireNonNull(projectVersion, "projectVersion");
        Objects.requireNonNull(reproduceCommand, "reproduceCommand");
        Objects.requireNonNull(generatedAt, "generatedAt");
        environment = List.copyOf(environment);
        emulated = List.copyOf(emulated);
    }
}
