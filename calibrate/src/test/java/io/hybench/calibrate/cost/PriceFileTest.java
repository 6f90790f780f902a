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
        assertEquals(new ModelPrice(0.15, 0.60, "https://openai.com/api/pricing"), p.price("gpt-4o-mini").orElseThrow());
    }

    @Test
    void priceErrorsNameFileLineColumnAndKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, PRICES.replace("    source:", "    sorce: typo\n    source:"));
        String typo = assertThrows(IllegalArgumentException.class, () -> PriceFile.read(f)).getMessage();
        assertTrue(typo.matches(java.util.regex.Pattern.quote(f.toString()) + ":\\d+:\\d+: models\\.gpt-4o-mini\\.sorce: unknown key "
                + "\\(allowed: input_usd_per_million, output_usd_per_million, source\\)"), typo);
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
