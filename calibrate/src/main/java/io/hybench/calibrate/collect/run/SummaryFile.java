package io.hybench.calibrate.collect.run;

import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes {@code NAME.summary.json}: the {@link CollectSummary} record as JSON (NaN as the string "NaN"). */
final class SummaryFile {
    private SummaryFile() {
    }

    static void write(Path file, CollectSummary summary) {
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().with(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                    .writeValue(file.toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
