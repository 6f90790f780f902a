package io.hybench.calibrate.cost;

import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DataFormatException;
import io.hybench.calibrate.data.ScoreSense;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Price files and mappings read through the configuration dialect: values, and one-line errors naming file, line, column and key. */
class PriceFileTest {
    private static final String PRICES = """
            as_of: 2024-11-20
            currency: USD
            models:
              gpt-4o-mini:
                input_usd_per_million: 0.15
                output_usd_per_million: 0.60
                source: https://openai.com/api/pricing
            """;

    @Test
    void readsTheShippedExample() {
        PriceFile p = PriceFile.read(Path.of("..", "docs", "prices.example.yaml"));
        assertEquals(LocalDate.of(2024, 11, 20), p.asOf());
        assertEquals(new ModelPrice(0.15, 0.60, "https://openai.com/api/pricing", 0.075, null), p.price("gpt-4o-mini").orElseThrow());
        ModelPrice sonnet = p.price("claude-3-5-sonnet-20241022").orElseThrow();
        assertEquals(0.30, sonnet.cacheReadPrice());
        assertEquals(3.75, sonnet.cacheWritePrice());
        assertEquals(10.0, p.price("gpt-4-1106-preview").orElseThrow().cacheReadPrice(), "no cache price: the input price");
    }

    @Test
    void cachedAndWrittenPromptTokensArePricedApart() {
        // Sonnet 3.5: input 3.00, output 15.00, read 0.30, write 3.75 USD per million
        ModelPrice sonnet = new ModelPrice(3.00, 15.00, "s", 0.30, 3.75);
        // 10,000 prompt tokens: 8,000 read, 1,500 written, 500 plain; 200 output
        // = (500 x 3.00 + 8,000 x 0.30 + 1,500 x 3.75 + 200 x 15.00) / 1e6 = (1,500 + 2,400 + 5,625 + 3,000) / 1e6
        assertEquals(0.012525, sonnet.costUsd(10_000, 8_000, 1_500, 200), 1e-15);
        // the same call without caching: (10,000 x 3.00 + 200 x 15.00) / 1e6
        assertEquals(0.033, sonnet.costUsd(10_000, 200), 1e-15);
        // gpt-4o: cached input 1.25, no write surcharge: 2,000 prompt tokens, 1,024 cached, 100 output
        // = (976 x 2.50 + 1,024 x 1.25 + 100 x 10.00) / 1e6 = (2,440 + 1,280 + 1,000) / 1e6
        assertEquals(0.00472, new ModelPrice(2.50, 10.00, "o", 1.25, null).costUsd(2_000, 1_024, 0, 100), 1e-15);
    }

    @Test
    void priceErrorsNameFileLineColumnAndKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, PRICES.replace("    source:", "    sorce: typo\n    source:"));
        String typo = assertThrows(IllegalArgumentException.class, () -> PriceFile.read(f)).getMessage();
        assertTrue(typo.matches(java.util.regex.Pattern.quote(f.toString()) + ":\\d+:\\d+: models\\.gpt-4o-mini\\.sorce: unknown key "
                + "\\(allowed: cache_read_usd_per_million, cache_write_usd_per_million, input_usd_per_million, output_usd_per_million, source\\)"), typo);
        Files.writeString(f, PRICES.replace("input_usd_per_million", "input_usd_per_milion"));
        assertEquals(f + ":8:1: models.gpt-4o-mini.input_usd_per_million: missing (required)",
                assertThrows(IllegalArgumentException.class, () -> PriceFile.read(f)).getMessage());
        Files.writeString(f, PRICES.replace("    source: https://openai.com/api/pricing\n", ""));
        assertEquals(f + ":7:1: models.gpt-4o-mini.source: missing (required)",
                assertThrows(IllegalArgumentException.class, () -> PriceFile.read(f)).getMessage());
        Files.writeString(f, PRICES.replace("2024-11-20", "20 Nov"));
        assertEquals(f + ":8:1: as_of: must be a date like 2025-01-31, got 20 Nov",
                assertThrows(IllegalArgumentException.class, () -> PriceFile.read(f)).getMessage());
        Files.writeString(f, PRICES.replace("0.60", "-1"));
        assertEquals(f + ":8:1: models.gpt-4o-mini: a price below 0 USD per million tokens (input 0.15, output -1.0)",
                assertThrows(IllegalArgumentException.class, () -> PriceFile.read(f)).getMessage());
    }

    @Test
    void mappingsReadAndNameTheirBadKey(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("m.yaml");
        Files.writeString(m, "scores: [conf]\nscoreSense: higher_means_cloud\nlocal: {correct: lc}\ncloud: {correct: cc}\n");
        assertEquals(ScoreSense.HIGHER_MEANS_CLOUD, ColumnMapping.read(m).scoreSense());
        Files.writeString(m, "scores: [conf]\nlocal: {corect: lc}\n");
        String msg = assertThrows(DataFormatException.class, () -> ColumnMapping.read(m)).getMessage();
        assertEquals(m + ":2:20: local.corect: unknown key", msg.substring(0, msg.indexOf(" (allowed")));
        Files.writeString(m, "question: q\nanswer: a\ndefaultKind: essay\n");
        msg = assertThrows(DataFormatException.class, () -> QuestionMapping.read(m)).getMessage();
        assertEquals(m + ":3:14: defaultKind: unknown question kind 'essay' (expected mc, numeric or text)", msg);
    }
}
