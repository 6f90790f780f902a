package io.hybench.reports.html;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number columns formatted the same on every machine (Locale.ROOT) and saying "not measured" for NaN. */
public final class Tables {
    public static final String NOT_MEASURED = "not measured";

    private Tables() {
    }

    /** A column of doubles printed with the given number of decimals. */
    public static DoubleColumn decimals(String name, int decimals, double... values) {
        DoubleColumn c = DoubleColumn.create(name, values);
        c.setPrintFormatter(new FiniteFormatter(format(decimals, false)));
        return c;
    }

    /** A column of fractions in [0, 1] printed as percentages. */
    public static DoubleColumn percent(String name, int decimals, double... fractions) {
        DoubleColumn c = DoubleColumn.create(name, fractions);
        c.setPrintFormatter(new FiniteFormatter(format(decimals, true)));
        return c;
    }

    /** Tablesaw prints NaN through the number format ("NaN"); a value that was not measured must say so. */
    private static final class FiniteFormatter extends NumberColumnFormatter {
        FiniteFormatter(DecimalFormat format) {
            super(format, NOT_MEASURED);
        }

        @Override
        public String format(double value) {
            return Double.isFinite(value) ? super.format(value) : NOT_MEASURED;
        }
    }

    private static DecimalFormat format(int decimals, boolean percent) {
        String pattern = decimals == 0 ? "0" : "0." + "0".repeat(decimals);
        DecimalFormat f = new DecimalFormat(percent ? pattern + "%" : pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setGroupingUsed(false);
        return f;
    }
}
