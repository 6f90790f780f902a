#!/usr/bin/env python3
"""Writes a seeded synthetic labeled routing data set (CSV) for `hybench calibrate`.

Each row: a confidence `conf` in [0,1] rounded to 6 places, the local answer right with probability
conf, the cloud answer right with probability 0.85, per-side latencies and costs. Used to measure
calibration at scale (docs/performance.md); mapping: generate-labeled.mapping.yaml.

    scripts/calibration/generate-labeled.py --rows 1000000 --seed 1 --out /tmp/labeled-1m.csv
"""
import argparse
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write("id,conf,local_ok,cloud_ok,local_ms,cloud_ms,local_cost_usd,cloud_cost_usd\n")
        lines = []
        for i in range(a.rows):
            conf = round(rng.betavariate(4, 1.5), 6)
            local_ok = rng.random() < conf
            cloud_ok = rng.random() < 0.85
            lines.append("q%d,%.6f,%s,%s,%.1f,%.1f,%.7f,%.7f\n" % (
                i, conf, "true" if local_ok else "false", "true" if cloud_ok else "false",
                rng.uniform(200, 900), rng.uniform(600, 2500), rng.uniform(2e-5, 8e-5), rng.uniform(4e-4, 2e-3)))
            if len(lines) == 10000:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)


if __name__ == "__main__":
    main()
