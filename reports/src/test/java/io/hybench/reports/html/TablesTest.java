package io.hybench.reports.html;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TablesTest {
    @Test
    void numbersAreLocaleFreeAndNaNSaysNotMeasured() {
        DoubleColumn d = Tables.decimals("x", 2, 1234.5, Double.NaN);
        assertEquals("1234.50", d.getString(0));
        assertEquals("not measured", d.getString(1));
        DoubleColumn p = Tables.percent("p", 1, 0.1234, Double.POSITIVE_INFINITY);
        assertEquals("12.3%", p.getString(0));
        assertEquals("not measured", p.getString(1));
    }
}
