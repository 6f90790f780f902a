package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hybench.core.mapper.Csv;
import io.hybench.core.mapper.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A timestamped trace read into memory, sorted by arrival (stable, so simultaneous requests keep the file's order),
 * offsets measured from the earliest request. Readers for the public formats (docs/results.md):
 * <ul>
 *   <li>Mooncake JSONL: {@code timestamp} (ms), {@code input_length}, {@code output_length}, optional {@code hash_ids};
 *   <li>BurstGPT CSV: {@code Timestamp} (s), {@code Request tokens}, {@code Response tokens}; rows kept by their
 *       {@code Model} and {@code Log Type} where the workload selects ({@link PromptSpec.Select}); other columns ignored;
 *   <li>Azure LLM inference CSV: {@code TIMESTAMP} (date-time, up to 100 ns digits), {@code ContextTokens},
 *       {@code GeneratedTokens}.
 * </ul>
 * A traced length of 0 (BurstGPT logs failed requests with 0 response tokens) is sent as 1. Errors name file, line and field.
 */
record TraceFile(List<TraceEntry> entries) {
    private static final DateTimeFormatter AZURE_TIME = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    TraceFile {
        entries = List.copyOf(entries);
    }

    static TraceFile read(PromptSpec.Trace spec) {
        List<Raw> raw = switch (spec.format()) {
            case MOONCAKE -> mooncake(spec);
            case BURSTGPT -> csv(spec, BurstGptRow.class);
            case AZURE -> csv(spec, AzureRow.class);
        };
        if (raw.isEmpty()) {
            throw new WorkloadException(spec.path() + ": no requests in trace" + (spec.select().equals(PromptSpec.Select.ALL) ? ""
                    : " with " + (spec.select().model() == null ? "" : "Model " + spec.select().model() + " ")
                    + (spec.select().logType() == null ? "" : "Log Type " + spec.select().logType() + " ")).stripTrailing());
        }
        long first = raw.stream().mapToLong(Raw::atNanos).min().orElseThrow();
        List<TraceEntry> entries = new ArrayList<>(raw.size());
        for (Raw r : raw) entries.add(new TraceEntry(r.atNanos - first, Math.max(1, r.input), Math.max(1, r.output), r.hashIds, r.line));
        entries.sort(Comparator.comparingLong(TraceEntry::offsetNanos));
        return new TraceFile(entries);
    }

    /** One request as a row states it: arrival on the trace's own clock, in nanoseconds. */
    private record Raw(long atNanos, int input, int output, long[] hashIds, long line) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record MooncakeLine(Double timestamp, @JsonProperty("input_length") Integer inputLength,
                                @JsonProperty("output_length") Integer outputLength, @JsonProperty("hash_ids") long[] hashIds) {
    }

    private static List<Raw> mooncake(PromptSpec.Trace spec) {
        List<Raw> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(spec.path())) {
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) continue;
                String where = spec.path() + ":" + line;
                MooncakeLine m;
                try {
                    m = Json.MAPPER.readValue(text, MooncakeLine.class);
                } catch (JsonProcessingException e) {
                    throw new WorkloadException(where + ": not a Mooncake trace object: " + e.getOriginalMessage(), e);
                }
                double ms = required(m.timestamp(), where, "timestamp");
                if (!(ms >= 0) || !Double.isFinite(ms)) throw new WorkloadException(where + ": timestamp: must be >= 0 ms, was " + ms);
                out.add(new Raw(Math.round(ms * 1e6), tokens(m.inputLength(), where, "input_length"),
                        tokens(m.outputLength(), where, "output_length"), m.hashIds() == null ? new long[0] : m.hashIds(), line));
            }
        } catch (IOException e) {
            throw new WorkloadException(spec.path() + ": cannot read trace: " + e.getMessage(), e);
        }
        return out;
    }

    /** A CSV trace row; {@code line} is its record number after the header. */
    private interface CsvRow {
        Raw raw(String where, long line);

        /** Whether the workload replays this row. */
        default boolean selected(PromptSpec.Select select, String where) {
            return true;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record BurstGptRow(@JsonProperty("Timestamp") Double timestamp, @JsonProperty("Model") String model,
                               @JsonProperty("Request tokens") Integer requestTokens,
                               @JsonProperty("Response tokens") Integer responseTokens, @JsonProperty("Log Type") String logType) implements CsvRow {
        @Override
        public boolean selected(PromptSpec.Select select, String where) {
            if (select.model() != null) required(model, where, "Model");
            if (select.logType() != null) required(logType, where, "Log Type");
            return select.keeps(model, logType);
        }

        @Override
        public Raw raw(String where, long line) {
            double s = required(timestamp, where, "Timestamp");
            if (!(s >= 0) || !Double.isFinite(s)) throw new WorkloadException(where + ": Timestamp: must be >= 0 s, was " + s);
            return new Raw(Math.round(s * 1e9), tokens(requestTokens, where, "Request tokens"), tokens(responseTokens, where, "Response tokens"),
                    new long[0], line);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record AzureRow(@JsonProperty("TIMESTAMP") String timestamp, @JsonProperty("ContextTokens") Integer contextTokens,
                            @JsonProperty("GeneratedTokens") Integer generatedTokens) implements CsvRow {
        private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

        @Override
        public Raw raw(String where, long line) {
            String t = required(timestamp, where, "TIMESTAMP").trim();
            LocalDateTime at;
            try {
                at = LocalDateTime.parse(t, AZURE_TIME);
            } catch (DateTimeParseException e) {
                throw new WorkloadException(where + ": TIMESTAMP: expected yyyy-MM-dd HH:mm:ss[.fraction], was '" + t + "'", e);
            }
            return new Raw(Duration.between(EPOCH, at).toNanos(), tokens(contextTokens, where, "ContextTokens"),
                    tokens(generatedTokens, where, "GeneratedTokens"), new long[0], line);
        }
    }

    private static List<Raw> csv(PromptSpec.Trace spec, Class<? extends CsvRow> rowType) {
        List<Raw> out = new ArrayList<>();
        long record = 0;
        try (MappingIterator<CsvRow> rows = Csv.MAPPER.readerFor(rowType).with(CsvSchema.emptySchema().withHeader())
                .readValues(spec.path().toFile())) {
            while (rows.hasNextValue()) {
                CsvRow row = rows.nextValue();
                record++;
                String where = spec.path() + ": record " + record + " after the header";
                if (row.selected(spec.select(), where)) out.add(row.raw(where, record));
            }
        } catch (JsonProcessingException e) {
            throw new WorkloadException(spec.path() + ": record " + (record + 1) + " after the header: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WorkloadException(spec.path() + ": cannot read trace: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof WorkloadException) throw e;
            throw new WorkloadException(spec.path() + ": record " + (record + 1) + " after the header: " + e.getMessage(), e);
        }
        return out;
    }

    private static <T> T required(T value, String where, String field) {
        if (value == null) throw new WorkloadException(where + ": " + field + ": missing");
        return value;
    }

    private static int tokens(Integer value, String where, String field) {
        int n = required(value, where, field);
        if (n < 0) throw new WorkloadException(where + ": " + field + ": must be >= 0, was " + n);
        return n;
    }
}
