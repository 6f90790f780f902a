package io.hybench.calibrate.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.mapper.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The seed router's YAML: {@code confidence_thresholds: {high, medium, low}} with a comment saying what they mean. */
public final class SeedThresholdsExporter {
    private SeedThresholdsExporter() {
    }

    public static String render(RouterSpec spec) {
        Bands b = spec.bands();
        return "# Fitted by hybench calibrate on " + spec.provenance().date() + " (dataset sha256 "
                + spec.provenance().dataset().datasetSha256().substring(0, 12) + ", " + spec.provenance().split().calibrationRows() + " calibration rows).\n"
                + "# A query whose " + spec.routing().scoreColumns().get(0) + " is below a band's threshold goes to the cloud.\n"
                + "# high/medium/low recover 95%/80%/50% of the local-to-cloud accuracy gap; null: not reachable.\n"
                + "confidence_thresholds:\n"
                + "  high: " + number(b.high()) + "\n"
                + "  medium: " + number(b.medium()) + "\n"
                + "  low: " + number(b.low()) + "\n";
    }

    private static String number(Double v) {
        return v == null ? "null" : String.format(Locale.ROOT, "%s", v);
    }

    public static void write(RouterSpec spec, Path file) throws IOException {
        Files.writeString(file, render(spec));
    }

    /** Reads the three thresholds back (round-trip checks, and tools that consume the seed format). */
    public static Bands read(Path file) throws IOException {
        JsonNode t = Yaml.READER.readTree(file.toFile()).path("confidence_thresholds");
        return new Bands(value(t.get("high")), value(t.get("medium")), value(t.get("low")));
    }

    private static Double value(JsonNode n) {
        return n == null || n.isNull() ? null : n.asDouble();
    }
}
