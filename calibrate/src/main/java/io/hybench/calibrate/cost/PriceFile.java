package io.hybench.calibrate.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hybench.core.mapper.Yaml;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A dated price list: USD per million input and output tokens per model name. Prices change, so the
 * file carries the date they were read ({@code as_of}); the calibration records it in its provenance.
 * The format is documented in docs/calibration.md and shown by docs/prices.example.yaml.
 */
public record PriceFile(LocalDate asOf, String currency, Map<String, ModelPrice> models) {

    public PriceFile {
        if (asOf == null) throw new IllegalArgumentException("price file needs as_of (the date the prices were read)");
        if (!"USD".equals(currency)) throw new IllegalArgumentException("price file currency must be USD, got " + currency);
        models = models == null ? Map.of() : new TreeMap<>(models);
    }

    public static PriceFile read(Path file) {
        try {
            Raw raw = Yaml.SNAKE_CASE_STRICT.readValue(file.toFile(), Raw.class);
            LocalDate asOf;
            try {
                asOf = raw.asOf == null ? null : LocalDate.parse(raw.asOf);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(file + ": as_of must be a date like 2025-01-31, got " + raw.asOf);
            }
            try {
                return new PriceFile(asOf, raw.currency, raw.models);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage());
            }
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : ":" + loc.getLineNr();
            throw new IllegalArgumentException(file + where + ": invalid price file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read price file: " + e.getMessage(), e);
        }
    }

    /** The file's shape; the date stays text until validated. */
    private record Raw(String asOf, String currency, Map<String, ModelPrice> models) {
    }

    public Optional<ModelPrice> price(String model) {
        return Optional.ofNullable(model == null ? null : models.get(model));
    }
}
