package io.hybench.calibrate.hybrid;

import java.util.Locale;

/** The console summary of a hybrid run: one row per target and load, then measured vs predicted and the claims. */
public final class HybridTable {
    private HybridTable() {
    }

    public static String render(HybridSummary s) {
        StringBuilder b = new StringBuilder();
        String cost = s.costing().costUnit() == io.hybench.calibrate.cost.CostUnit.USD ? "USD/1k" : "cloud/1k";
        b.append(String.format(Locale.ROOT, "%-28s %7s %7s %-17s %7s %7s %7s %9s %9s %9s %9s %7s%n", "target", "load", "req", "accuracy [CI]",
                "local", "escal", "spill", cost, "TTFT p50", "TTFT p99", "E2E p99", "req/s"));
        for (HybridLevel l : s.levels()) {
            b.append(String.format(Locale.ROOT, "%-28s %7s %7d %5.1f%% [%4.1f,%4.1f] %6.1f%% %6.1f%% %6.1f%% %9.4g %9.1f %9.1f %9.1f %7.2f%s%n",
                    l.at().target(), num(l.at().load()), l.answers().requests(), 100 * l.answers().accuracy().value(), 100 * l.answers().accuracy().lower(), 100 * l.answers().accuracy().upper(),
                    100 * l.shares().localShare().value(), 100 * l.shares().escalationRate().value(), 100 * l.shares().spillRate().value(), l.costPer1k().value(),
                    l.latency().ttftMs().p50Ms(), l.latency().ttftMs().p99Ms(), l.latency().e2eMs().p99Ms(), l.throughput().requestsPerSecond(), l.trusted() ? "" : "  (untrusted)"));
        }
        if (!s.checks().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nmeasured vs predicted (%s):%n", s.parts().routed()));
            for (Check c : s.checks()) {
                b.append(String.format(Locale.ROOT, "  load %-6s %-15s measured %s  predicted %s  %s%s%n", num(c.load()), c.metric(),
                        interval(c.measured()), interval(c.predicted()), c.agrees() == null ? "n/a" : c.agrees() ? "agree" : "DISAGREE",
                        c.note().isEmpty() ? "" : " (" + c.note() + ")"));
            }
        }
        if (!s.claims().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nthe seed's claims (%s%s):%n", s.parts().routed(), s.parts().emulated() ? ", emulated" : ""));
            for (Claim c : s.claims()) {
                b.append(String.format(Locale.ROOT, "  load %-6s %-18s %8.3f  %-5s  seed: %s%n", num(c.load()), c.claim(), c.measured(),
                        c.holds() == null ? "n/a" : c.holds() ? "holds" : "fails", c.seed()));
            }
        }
        return b.toString();
    }

    private static String interval(Estimate e) {
        return String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", e.value(), e.lower(), e.upper());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
