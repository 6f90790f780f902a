package io.hybench.calibrate.fit;

import io.hybench.calibrate.cost.QueryCosts;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.data.Exclusion;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.policy.Outcomes;
import io.hybench.core.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RouteLLM MMLU, decontaminated: the reference figures and oracle metrics are exact facts of the data. */
class RouteLlmAnchorsTest {
    @Test
    void referencesAndOracleMetrics() {
        Path dir = SharedData.dir().resolve("datasets/routellm-mmlu");
        LabeledDataset d = DatasetLoader.load(List.of(dir), ColumnMapping.read(Path.of("src/test/resources/routellm-mmlu.mapping.yaml")),
                new Exclusion(dir.resolve("contaminated_prompts.jsonl"), Exclusion.ROUTELLM_FIELD));
        Outcomes o = Outcomes.of(d, QueryCosts.of(d, null));
        References r = References.of(o);
        assertEquals(9_558 / 14_037.0, r.localOnly().accuracy(), 1e-15);
        assertEquals(11_312 / 14_037.0, r.cloudOnly().accuracy(), 1e-15);
        assertEquals((9_558 + 2_496) / 14_037.0, r.oracle().accuracy(), 1e-15);
        assertEquals(1 - 2_496 / 14_037.0, r.oracle().shareLocal(), 1e-15);
        // cost counts cloud calls (no prices, no token counts): cloud-only makes 1,000 per 1k queries
        assertEquals(1000, r.cloudOnly().costPer1k(), 1e-9);
        assertEquals(0, r.localOnly().costPer1k());

        QualityCurve oracle = QualityCurve.oracle(o);
        assertEquals(0.68091 + 0.1, oracle.accuracyAt(0.1), 1e-5);
        assertEquals(1.2896, oracle.apgr(r), 5e-5);
        assertEquals(0.02499, oracle.cpt(r, 0.2), 1e-5);
        assertEquals(0.06248, oracle.cpt(r, 0.5), 1e-5);
        assertEquals(0.09996, oracle.cpt(r, 0.8), 1e-5);
    }
}
