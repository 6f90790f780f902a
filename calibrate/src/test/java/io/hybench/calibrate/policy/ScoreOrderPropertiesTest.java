package io.hybench.calibrate.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Comparator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ScoreOrderPropertiesTest {

    @Provide
    Arbitrary<double[]> scores() {
        Arbitrary<Double> special = Arbitraries.of(0.0, -0.0, 1.0, -1.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
                -Double.MIN_VALUE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.5, 1e-300);
        Arbitrary<Double> any = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, special),
                net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(-1e6, 1e6)),
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(-1, 1).ofScale(2)));
        return any.list().ofMinSize(0).ofMaxSize(300).map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Equals a stable boxed sort by numeric value (with -0.0 and 0.0 equal, as {@code <} sees them). */
    @Property(tries = 300)
    void sameAsStableBoxedSort(@ForAll("scores") double[] s) {
        int[] expected = IntStream.range(0, s.length).boxed()
                .sorted(Comparator.comparingDouble(i -> s[i] + 0.0))
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, ScoreOrder.ascending(s));
    }
}
