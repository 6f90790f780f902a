package io.hybench.calibrate.data;

import io.hybench.core.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RouteLLM's MMLU files load with a mapping and nothing else; the counts are facts of the data. */
class RouteLlmMmluTest {
    static final String DIR = "datasets/routellm-mmlu";

    static ColumnMapping mapping() {
        return ColumnMapping.read(Path.of("src/test/resources/routellm-mmlu.mapping.yaml"));
    }

    static LabeledDataset load(boolean decontaminate) {
        Path dir = SharedData.dir().resolve(DIR);
        Exclusion ex = decontaminate ? new Exclusion(dir.resolve("contaminated_prompts.jsonl"), Exclusion.ROUTELLM_FIELD) : null;
        return DatasetLoader.load(List.of(dir), mapping(), ex);
    }

    @Test
    void loadsAllFiftySevenSubjects() {
        LabeledDataset d = load(false);
        assertEquals(57, d.files().size());
        assertEquals(14_042, d.size());
        assertEquals(57, d.rows().stream().map(LabeledRow::category).distinct().count());
    }

    @Test
    void decontaminationLeavesRouteLlmCounts() {
        LabeledDataset d = load(true);
        assertEquals(14_037, d.size());
        assertEquals(5, d.excludedRows());
        assertEquals(0, d.unmatchedExclusions());
        long both = 0, localOnly = 0, cloudOnly = 0, neither = 0;
        for (LabeledRow r : d.rows()) {
            boolean l = r.local().quality() == 1, c = r.cloud().quality() == 1;
            if (l && c) both++;
            else if (l) localOnly++;
            else if (c) cloudOnly++;
            else neither++;
        }
        assertEquals(List.of(8_816L, 742L, 2_496L, 1_983L), List.of(both, localOnly, cloudOnly, neither));
    }
}
