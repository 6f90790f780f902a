package io.hybench.calibrate.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hybench.core.config.ConfigException;
import io.hybench.core.config.ConfigFiles;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A dated price list: USD per million input and output tokens per model name, and optionally per million
 * prompt-cache reads and writes. Prices change, so the
 * file carries the date they were read ({@code as_of}); the calibration records it in its provenance.
 * The format is documented in docs/calibration.md and shown by docs/prices.example.yaml.
 */
public record PriceFile(LocalDate asOf, String currency, Map<String, ModelPrice> models) {

    public PriceFile {
        if (asOf == null) throw new IllegalArgumentException("price file needs as_of (the date the prices were read)");
        if (!"USD".equals(currency)) throw new IllegalArgumentException("price file currency must be USD, got " + currency);
        models = models == null ? Map.of() : new TreeMap<>(models);
    }

    /** Reads a price file; errors name file, line, column and key. Throws {@link IllegalArgumentException}. */
    public static PriceFile read(Path file) {
        try {
            return ConfigFiles.read(file, PriceFile.class);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The file's snake_case keys; {@link ModelPrice}'s own names stay those of the result files. */
    @JsonCreator
    static PriceFile fromFile(@JsonProperty("as_of") String asOf, @JsonProperty("currency") String currency,
                              @JsonProperty("models") Map<String, Entry> models) {
        LocalDate date;
        try {
            date = asOf == null ? null : LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("as_of must be a date like 2025-01-31, got " + asOf);
        }
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        if (models != null) models.forEach((name, p) -> prices.put(name, p.price()));
        return new PriceFile(date, currency, prices);
    }

    /** One model's entry as the file writes it; checked where it stands, so errors name the model. */
    record Entry(ModelPrice price) {
        @JsonCreator
        static Entry fromFile(@JsonProperty(value = "input_usd_per_million", required = true) double input,
                              @JsonProperty(value = "output_usd_per_million", required = true) double output,
                              @JsonProperty(value = "source", required = true) String source,
                              @JsonProperty("cache_read_usd_per_million") Double cacheRead,
                              @JsonProperty("cache_write_usd_per_million") Double cacheWrite) {
            return new Entry(new ModelPrice(input, output, source, cacheRead, cacheWrite));
        }
    }

    public Optional<ModelPrice> price(String model) {
        return Optional.ofNullable(model == null ? null : models.get(model));
    }
}
