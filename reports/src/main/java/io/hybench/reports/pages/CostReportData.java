package io.hybench.reports.pages;

import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Provenance;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a cost report shows: the inputs, each derived figure with its formula, and monthly cost
 * against volume for self-hosted, API and hybrid options.
 *
 * @param provenance             version, environment, reproduce command
 * @param currency               e.g. "USD"
 * @param inputs                 hardware, power, prices, measured goodput, utilisation ...
 * @param formulas               each derived figure with the formula that produced it
 * @param options                monthly cost against volume, one per option
 * @param breakEvenTokensPerMonth where self-hosting becomes cheaper than the API; empty when the lines do not cross
 */
public record CostReportData(Provenance provenance, String currency, List<Fact> inputs, List<Formula> formulas,
                             List<CostLine> options, OptionalDouble breakEvenTokensPerMonth) {
    public CostReportData {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(breakEvenTokensPerMonth, "breakEvenTokensPerMonth");
        inputs = List.copyOf(inputs);
        formulas = List.copyOf(formulas);
        options = List.copyOf(options);
        if (options.isEmpty()) throw new IllegalArgumentException("cost report has no options to compare");
    }

    /** A derived figure: what it is, how it is computed, and its value with unit. */
    public record Formula(String quantity, String formula, String value) {
        public Formula {
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(formula, "formula");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Monthly cost of one option at each monthly token volume. */
    public record CostLine(String option, double[] tokensPerMonth, double[] costPerMonth) {
        public CostLine {
            Objects.requireNonNull(option, "option");
            if (tokensPerMonth.length != costPerMonth.length) throw new IllegalArgumentException("cost line '" + option + "': lengths differ");
            tokensPerMonth = tokensPerMonth.clone();
            costPerMonth = costPerMonth.clone();
        }

        @Override
        public double[] tokensPerMonth() {
            return tokensPerMonth.clone();
        }

        @Override
        public double[] costPerMonth() {
            return costPerMonth.clone();
        }
    }
}
