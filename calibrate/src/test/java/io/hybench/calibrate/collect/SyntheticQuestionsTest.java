package io.hybench.calibrate.collect;

import io.hybench.calibrate.collect.generate.SyntheticQuestions;
import io.hybench.calibrate.collect.grade.Grade;
import io.hybench.calibrate.collect.grade.Grading;
import io.hybench.calibrate.collect.grade.NumericTolerance;
import io.hybench.calibrate.collect.grade.TextGrader;
import io.hybench.calibrate.collect.questions.Question;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticQuestionsTest {
    @TempDir
    Path dir;

    /** The committed file is exactly what the documented command produces (datasets/README.md). */
    @Test
    void committedSetIsReproducibleFromItsSeed() throws Exception {
        Path out = dir.resolve("s.jsonl");
        SyntheticQuestions.write(SyntheticQuestions.generate(20250101L, 20), out);
        assertArrayEquals(Files.readAllBytes(CollectorTest.SHIPPED), Files.readAllBytes(out));
        assertEquals(Files.readString(CollectorTest.SHIPPED_MAPPING), SyntheticQuestions.mappingYaml());
    }

    @Test
    void everyGoldAnswerGradesCorrectAndOffByOneDoesNot() {
        Grading grading = Grading.of(NumericTolerance.EXACT, new TextGrader(TextGrader.Mode.EXACT));
        List<Question> qs = CollectorTest.shipped();
        assertEquals(300, qs.size());
        for (Question q : qs) {
            Grade g = grading.grade(q, "Some working.\nAnswer: " + q.gold() + "\nConfidence: 50");
            assertTrue(g.correct(), q.id());
        }
    }

    /** Weekdays checked by Zeller's congruence, independent of java.time. */
    @Test
    void weekdayGoldsAgreeWithZeller() {
        Pattern date = Pattern.compile("was (\\d+) (\\w+) (\\d{4})\\?");
        List<String> months = List.of("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December");
        int checked = 0;
        for (Question q : CollectorTest.shipped()) {
            Matcher m = date.matcher(q.text());
            if (!m.find()) continue;
            int d = Integer.parseInt(m.group(1)), mo = months.indexOf(m.group(2)) + 1, y = Integer.parseInt(m.group(3));
            if (mo < 3) {
                mo += 12;
                y--;
            }
            int h = (d + 13 * (mo + 1) / 5 + y % 100 + (y % 100) / 4 + (y / 100) / 4 + 5 * (y / 100)) % 7; // 0 = Saturday
            int isoMondayZero = (h + 5) % 7;
            assertEquals(String.valueOf((char) ('A' + isoMondayZero)), q.gold(), q.id());
            checked++;
        }
        assertEquals(20, checked);
    }
}
