#!/usr/bin/env python3
"""Deterministic data for the benchmarks: a map of N scenarios over N/100
assets (at least 10), 50 controls per 1,000 scenarios, as riskmap's own CSV
import format. The same N and seed always give the same bytes.

usage: generate.py N OUTDIR [--seed S]
writes OUTDIR/assets.csv, OUTDIR/controls.csv, OUTDIR/scenarios.csv
"""
import argparse
import csv
import os
import random

SOURCES = ["Cybercriminel", "Initié malveillant", "Prestataire", "État", "Hacktiviste"]
THREATS = ["Rançongiciel", "Hameçonnage", "Fuite de données", "Déni de service", "Erreur de configuration"]
KINDS = ["application", "server", "database", "network", "site", "people", "supplier-service"]
TREATMENTS = ["open", "mitigate", "mitigate", "mitigate", "accept", "transfer", "avoid"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)
    n_assets = max(10, args.n // 100)
    n_controls = max(10, args.n // 20)
    primaries = max(1, n_assets // 10)

    with open(os.path.join(args.outdir, "assets.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ref", "name", "kind", "role", "owner", "confidentiality", "integrity",
                    "availability", "exposure", "serves"])
        for i in range(1, n_assets + 1):
            primary = i <= primaries
            w.writerow([f"A{i}", f"Bien {i}", "business-process" if primary else rng.choice(KINDS),
                        "primary" if primary else "supporting", f"Propriétaire {i % 17}",
                        rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 4),
                        rng.choice(["internal", "internet", "partner"]),
                        "" if primary else f"A{rng.randint(1, primaries)}"])

    with open(os.path.join(args.outdir, "controls.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ref", "title", "state", "owner"])
        for i in range(1, n_controls + 1):
            w.writerow([f"M{i}", f"Mesure {i}", rng.choice(["existing", "planned"]),
                        f"Équipe {i % 11}"])

    with open(os.path.join(args.outdir, "scenarios.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ref", "title", "risk_source", "threat", "assets", "inherent_likelihood",
                    "inherent_impact", "current_likelihood", "current_impact",
                    "residual_likelihood", "residual_impact", "owner", "treatment",
                    "existing_controls"])
        for i in range(1, args.n + 1):
            li, ii = rng.randint(2, 4), rng.randint(2, 4)
            lc, ic = rng.randint(1, li), rng.randint(1, ii)
            lr, ir = rng.randint(1, lc), ic
            assets = sorted({rng.randint(1, n_assets) for _ in range(rng.randint(1, 3))})
            w.writerow([f"R{i}", f"Scénario {i} : {rng.choice(THREATS).lower()} sur le bien A{assets[0]}",
                        rng.choice(SOURCES), rng.choice(THREATS), ",".join(f"A{a}" for a in assets),
                        li, ii, lc, ic, lr, ir, f"Propriétaire {rng.randint(1, 40)}",
                        rng.choice(TREATMENTS), f"M{rng.randint(1, n_controls)}"])


if __name__ == "__main__":
    main()
