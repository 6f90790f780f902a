package io.hybench.calibrate.cost;

/**
 * What one self-hosted serving machine costs and delivers. Money in USD, power in watts.
 *
 * @param hardwareUsdPerMonth      rent (hourly rate x {@link CostModel#HOURS_PER_MONTH}) or purchase price / amortisation months
 * @param opsUsdPerMonth           operations overhead per machine (people, hosting, monitoring)
 * @param activePowerWatts         draw while serving at the measured throughput (measured by hybench gpu/bench, or stated)
 * @param idlePowerWatts           draw while idle
 * @param usdPerKwh                electricity price
 * @param goodputTokensPerSecond   measured tokens/s (input + output) the machine serves while meeting the SLOs
 * @param utilisation              fraction of the month the machine serves at that rate (0, 1]
 */
public record SelfHostedSetup(double hardwareUsdPerMonth, double opsUsdPerMonth, double activePowerWatts,
                              double idlePowerWatts, double usdPerKwh, double goodputTokensPerSecond, double utilisation) {

    public SelfHostedSetup {
        nonNegative("hardwareUsdPerMonth", hardwareUsdPerMonth);
        nonNegative("opsUsdPerMonth", opsUsdPerMonth);
        nonNegative("activePowerWatts", activePowerWatts);
        nonNegative("idlePowerWatts", idlePowerWatts);
        nonNegative("usdPerKwh", usdPerKwh);
        if (!(goodputTokensPerSecond > 0)) throw new IllegalArgumentException("goodputTokensPerSecond must be > 0, was " + goodputTokensPerSecond);
        if (!(utilisation > 0 && utilisation <= 1)) throw new IllegalArgumentException("utilisation must be in (0, 1], was " + utilisation);
    }

    /** Hardware cost per month from an hourly rent, the machine rented for the whole month. */
    public static double rentPerMonth(double usdPerHour) {
        nonNegative("usdPerHour", usdPerHour);
        return usdPerHour * CostModel.HOURS_PER_MONTH;
    }

    /** Hardware cost per month from a purchase price spread over an amortisation period. */
    public static double amortisedPerMonth(double purchaseUsd, int months) {
        nonNegative("purchaseUsd", purchaseUsd);
        if (months < 1) throw new IllegalArgumentException("amortisation months must be >= 1, was " + months);
        return purchaseUsd / months;
    }

    private static void nonNegative(String field, double v) {
        if (!(v >= 0)) throw new IllegalArgumentException(field + " must be >= 0, was " + v);
    }
}
