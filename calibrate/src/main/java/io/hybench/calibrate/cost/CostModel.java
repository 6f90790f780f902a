package io.hybench.calibrate.cost;

/**
 * Self-hosted vs API cost for a monthly token volume (docs/cost.md gives every formula).
 * Volumes count input + output tokens in the workload's mix; {@code apiUsdPerMillion} is the API's
 * price for that same mix ({@link #blendedApiPrice}).
 *
 * <ul>
 *   <li>capacity per machine C = goodput x 3600 x {@value #HOURS_PER_MONTH} x utilisation tokens/month</li>
 *   <li>energy per token e = activeWatts / goodput J, priced at usdPerKwh / 3.6e6 per J</li>
 *   <li>fixed per machine F = hardware + ops + idleWatts x (1 - utilisation) x hours x price</li>
 *   <li>local(V) = n(V) x F + V x e, with n(V) = max(1, ceil(V / C)) machines</li>
 *   <li>api(V) = V x p; break-even V* = F / (p - e) when that is within one machine's capacity</li>
 * </ul>
 */
public final class CostModel {
    /** 8760 hours a year / 12. */
    public static final double HOURS_PER_MONTH = 730.0;
    private static final double JOULES_PER_KWH = 3.6e6;

    private final SelfHostedSetup setup;
    private final double apiUsdPerToken;

    public CostModel(SelfHostedSetup setup, double apiUsdPerMillion) {
        if (!(apiUsdPerMillion >= 0)) throw new IllegalArgumentException("apiUsdPerMillion must be >= 0, was " + apiUsdPerMillion);
        this.setup = setup;
        this.apiUsdPerToken = apiUsdPerMillion / 1e6;
    }

    /** API price per million tokens for a mix where {@code inputShare} of all tokens are input tokens. */
    public static double blendedApiPrice(ModelPrice price, double inputShare) {
        return blendedApiPrice(price, inputShare, 0);
    }

    /**
     * As above, with {@code cachedShare} of the input tokens served from the API's prompt cache at its cache-read
     * price (a bench run's {@code rates.cachedInputShare} against the API).
     */
    public static double blendedApiPrice(ModelPrice price, double inputShare, double cachedShare) {
        if (!(inputShare >= 0 && inputShare <= 1)) throw new IllegalArgumentException("inputShare must be in [0, 1], was " + inputShare);
        if (!(cachedShare >= 0 && cachedShare <= 1)) throw new IllegalArgumentException("cached share must be in [0, 1], was " + cachedShare);
        double input = (1 - cachedShare) * price.inputUsdPerMillion() + cachedShare * price.cacheReadPrice();
        return inputShare * input + (1 - inputShare) * price.outputUsdPerMillion();
    }

    /** Tokens one machine serves per month at the measured goodput and the stated utilisation. */
    public double capacityTokensPerMonth() {
        return setup.goodputTokensPerSecond() * 3600 * HOURS_PER_MONTH * setup.utilisation();
    }

    /** Electricity cost of one token while serving. */
    public double energyUsdPerToken() {
        return setup.activePowerWatts() / setup.goodputTokensPerSecond() * setup.usdPerKwh() / JOULES_PER_KWH;
    }

    /** Cost of one machine per month that does not depend on volume. */
    public double fixedUsdPerMachineMonth() {
        double idleJoules = setup.idlePowerWatts() * (1 - setup.utilisation()) * HOURS_PER_MONTH * 3600;
        return setup.hardwareUsdPerMonth() + setup.opsUsdPerMonth() + idleJoules / JOULES_PER_KWH * setup.usdPerKwh();
    }

    public int machinesFor(double tokensPerMonth) {
        return Math.max(1, (int) Math.ceil(tokensPerMonth / capacityTokensPerMonth()));
    }

    public double localUsdPerMonth(double tokensPerMonth) {
        return machinesFor(tokensPerMonth) * fixedUsdPerMachineMonth() + tokensPerMonth * energyUsdPerToken();
    }

    public double apiUsdPerMonth(double tokensPerMonth) {
        return tokensPerMonth * apiUsdPerToken;
    }

    /** Pre-routed hybrid: {@code localShare} of the volume served locally, the rest by the API. */
    public double hybridUsdPerMonth(double tokensPerMonth, double localShare) {
        if (!(localShare >= 0 && localShare <= 1)) throw new IllegalArgumentException("localShare must be in [0, 1], was " + localShare);
        double local = localShare > 0 ? localUsdPerMonth(tokensPerMonth * localShare) : 0;
        return local + apiUsdPerMonth(tokensPerMonth * (1 - localShare));
    }

    /** Self-hosted cost per million tokens with every machine busy at its utilisation. */
    public double localUsdPerMillionAtCapacity() {
        return localUsdPerMonth(capacityTokensPerMonth()) / capacityTokensPerMonth() * 1e6;
    }

    /**
     * The monthly volume above which self-hosting is cheaper than the API, or NaN when it never is
     * (the API is cheaper than electricity alone, or one machine's capacity ends before break-even;
     * adding machines repeats the same comparison, so more never helps).
     */
    public double breakEvenTokensPerMonth() {
        double margin = apiUsdPerToken - energyUsdPerToken();
        if (margin <= 0) return Double.NaN;
        double v = fixedUsdPerMachineMonth() / margin;
        return v <= capacityTokensPerMonth() ? v : Double.NaN;
    }
}
