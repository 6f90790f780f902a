package io.hybench.reports.pages;

import java.util.Optional;

/**
 * The three load levels of concurrency collapse for one target; empty when not reached in the sweep.
 *
 * @param saturation     where adding load stops adding throughput
 * @param maxMeetingSlos the largest load whose step meets every SLO
 * @param collapse       where tail latency explodes, throughput falls or errors rise
 */
public record LoadPoints(Optional<LoadPoint> saturation, Optional<LoadPoint> maxMeetingSlos, Optional<LoadPoint> collapse) {
    public static LoadPoints none() {
        return new LoadPoints(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
