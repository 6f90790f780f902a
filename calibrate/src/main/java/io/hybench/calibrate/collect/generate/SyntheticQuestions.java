package io.hybench.calibrate.collect.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded question set with exact gold answers, in three families at difficulty 1 (easy) to 5 (hard):
 * arithmetic (numeric), dates (weekday multiple choice, date arithmetic as free text, days between
 * dates as a number) and unit conversions (numeric, exact factors, rounded half-up to two decimals).
 * Names of days and months are English (they are question text). Gold answers come from exact arithmetic ({@link BigDecimal}, {@link java.time}); the same seed and
 * size always give the same file (datasets/README.md).
 */
public final class SyntheticQuestions {
    public static final int LEVELS = 5;
    private static final List<String> WEEKDAYS = java.util.Arrays.stream(DayOfWeek.values())
            .map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList();

    /** One generated question; {@code options} is empty unless {@code kind} is mc. */
    public record Item(String id, String family, int difficulty, String kind, String question, List<String> options, String answer) {
    }

    private SyntheticQuestions() {
    }

    public static List<Item> generate(long seed, int perLevel) {
        if (perLevel < 1) throw new IllegalArgumentException("perLevel must be >= 1");
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Item> out = new ArrayList<>();
        java.util.Set<String> texts = new java.util.HashSet<>();
        for (String family : List.of("arithmetic", "dates", "units")) {
            for (int level = 1; level <= LEVELS; level++) {
                for (int i = 0; i < perLevel; i++) {
                    String id = family + "-" + level + "-" + String.format(Locale.ROOT, "%03d", i + 1);
                    Item item;
                    do {
                        item = switch (family) {
                            case "arithmetic" -> arithmetic(id, level, rnd);
                            case "dates" -> dates(id, level, rnd);
                            default -> units(id, level, rnd);
                        };
                    } while (!texts.add(item.question())); // a repeated question would be one question counted twice
                    out.add(item);
                }
            }
        }
        return out;
    }

    static Item arithmetic(String id, int level, SplittableRandom r) {
        long a, b, c, d;
        String q;
        BigDecimal v;
        switch (level) {
            case 1 -> {
                a = r.nextLong(2, 50); b = r.nextLong(2, 50);
                q = "What is " + a + " + " + b + "?";
                v = BigDecimal.valueOf(a + b);
            }
            case 2 -> {
                a = r.nextLong(100, 1000); b = r.nextLong(10, 100); c = r.nextLong(2, 10);
                q = "What is " + a + " - " + b + " * " + c + "?";
                v = BigDecimal.valueOf(a - b * c);
            }
            case 3 -> {
                a = r.nextLong(100, 1000); b = r.nextLong(10, 100);
                q = "What is " + a + " * " + b + "?";
                v = BigDecimal.valueOf(a * b);
            }
            case 4 -> {
                b = r.nextLong(12, 100); c = r.nextLong(100, 1000); d = r.nextLong(1000, 10000);
                a = b * c;
                q = "What is " + a + " / " + b + " - " + d + "?";
                v = BigDecimal.valueOf(c - d);
            }
            default -> {
                a = r.nextLong(100, 1000); b = r.nextLong(100, 1000); c = r.nextLong(1000, 10000); d = r.nextLong(10, 100);
                long e = r.nextLong(10000, 100000);
                q = "What is " + a + " * " + b + " - " + c + " * " + d + " + " + e + "?";
                v = BigDecimal.valueOf(a * b - c * d + e);
            }
        }
        return new Item(id, "arithmetic", level, "numeric", q, List.of(), v.toPlainString());
    }

    static Item dates(String id, int level, SplittableRandom r) {
        LocalDate base = LocalDate.of(1990, 1, 1).plusDays(r.nextLong(0, 365L * 40));
        switch (level) {
            case 1, 2 -> {
                DayOfWeek start = DayOfWeek.of(r.nextInt(1, 8));
                int n = level == 1 ? r.nextInt(1, 7) : r.nextInt(10, 200);
                String q = "What day of the week is it " + n + (n == 1 ? " day" : " days") + " after a " + name(start) + "?";
                return weekdayItem(id, level, q, start.plus(n));
            }
            case 3 -> {
                String q = "What day of the week was " + base.getDayOfMonth() + " " + base.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + " " + base.getYear() + "?";
                return weekdayItem(id, level, q, base.getDayOfWeek());
            }
            case 4 -> {
                int n = r.nextInt(20, 400);
                String q = "What date is " + n + " days after " + base + "? Give the date as YYYY-MM-DD.";
                return new Item(id, "dates", level, "text", q, List.of(), base.plusDays(n).toString());
            }
            default -> {
                LocalDate to = base.plusDays(r.nextLong(400, 4000));
                String q = "How many days are there from " + base + " to " + to + " (counting " + base + " as day 0)?";
                return new Item(id, "dates", level, "numeric", q, List.of(), Long.toString(ChronoUnit.DAYS.between(base, to)));
            }
        }
    }

    private static Item weekdayItem(String id, int level, String q, DayOfWeek answer) {
        return new Item(id, "dates", level, "mc", q, WEEKDAYS, String.valueOf((char) ('A' + answer.getValue() - 1)));
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** Exact conversion factors (international yard and pound, US gallon). */
    private record Conversion(String from, String to, BigDecimal factor, BigDecimal offset, int maxValue) {
    }

    private static final List<List<Conversion>> CONVERSIONS = List.of(
            List.of(new Conversion("metres", "centimetres", new BigDecimal("100"), BigDecimal.ZERO, 50),
                    new Conversion("kilograms", "grams", new BigDecimal("1000"), BigDecimal.ZERO, 50)),
            List.of(new Conversion("hours", "minutes", new BigDecimal("60"), BigDecimal.ZERO, 48),
                    new Conversion("litres", "millilitres", new BigDecimal("1000"), BigDecimal.ZERO, 20)),
            List.of(new Conversion("inches", "centimetres", new BigDecimal("2.54"), BigDecimal.ZERO, 100),
                    new Conversion("feet", "metres", new BigDecimal("0.3048"), BigDecimal.ZERO, 500)),
            List.of(new Conversion("miles", "kilometres", new BigDecimal("1.609344"), BigDecimal.ZERO, 500),
                    new Conversion("pounds", "kilograms", new BigDecimal("0.45359237"), BigDecimal.ZERO, 400)),
            List.of(new Conversion("degrees Fahrenheit", "degrees Celsius", new BigDecimal("5").divide(new BigDecimal("9"), 30, RoundingMode.HALF_UP),
                            new BigDecimal("-32"), 250),
                    new Conversion("US gallons", "litres", new BigDecimal("3.785411784"), BigDecimal.ZERO, 300)));

    static Item units(String id, int level, SplittableRandom r) {
        List<Conversion> options = CONVERSIONS.get(level - 1);
        Conversion c = options.get(r.nextInt(options.size()));
        BigDecimal value = level <= 2 ? BigDecimal.valueOf(r.nextInt(1, c.maxValue()))
                : BigDecimal.valueOf(r.nextInt(10, c.maxValue() * 10)).movePointLeft(1);
        BigDecimal exact = value.add(c.offset()).multiply(c.factor());
        String gold = exact.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        String q = "Convert " + value.toPlainString() + " " + c.from() + " to " + c.to() + ", rounded to 2 decimal places.";
        return new Item(id, "units", level, "numeric", q, List.of(), gold);
    }

    /** Writes the items as JSON Lines (fields: id, family, difficulty, kind, question, options, answer). */
    public static void write(List<Item> items, Path file) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Item it : items) {
                    ObjectNode o = Json.MAPPER.createObjectNode();
                    o.put("id", it.id()).put("family", it.family()).put("difficulty", it.difficulty()).put("kind", it.kind()).put("question", it.question());
                    if (!it.options().isEmpty()) {
                        ArrayNode a = o.putArray("options");
                        it.options().forEach(a::add);
                    }
                    o.put("answer", it.answer());
                    w.write(Json.MAPPER.writeValueAsString(o));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The question mapping for files written by {@link #write} (up to 7 options: the weekdays). */
    public static String mappingYaml() {
        return """
                # Question mapping for hybench's synthetic question set (datasets/README.md).
                id: id
                question: question
                options: [/options/0, /options/1, /options/2, /options/3, /options/4, /options/5, /options/6]
                answer: answer
                kind: kind
                category: family
                difficulty: difficulty
                """;
    }
}
