#!/usr/bin/env python3
"""Writes VAT numbers of the United Kingdom, Switzerland and Norway with python-stdnum's verdict
on each, as JSON lines {"country", "input", "valid"}: numbers made valid by trying every check
digit, and near misses (one digit changed, digits swapped, one dropped, a wrong suffix).
Usage: foreign_vat_corpus.py [COUNT_PER_COUNTRY] (deterministic: fixed seed).
"""
import json
import random
import sys

from stdnum.ch import vat as ch
from stdnum.gb import vat as gb
from stdnum.no import mva as no

VALIDATORS = {"GB": gb.is_valid, "CH": ch.is_valid, "NO": no.is_valid}


def candidates(country, rng):
    if country == "GB":
        stem = "".join(rng.choice("0123456789") for _ in range(7))
        bodies = [stem + "%02d" % n for n in range(100)]
        if rng.random() < 0.3:
            bodies = [b + "".join(rng.choice("0123456789") for _ in range(3)) for b in bodies]
        if rng.random() < 0.1:
            bodies += ["GD%03d" % rng.randint(0, 999), "HA%03d" % rng.randint(0, 999)]
        return [rng.choice(["GB", "GB ", ""]) + b for b in bodies]
    if country == "CH":
        stem = "".join(rng.choice("0123456789") for _ in range(8))
        suffix = rng.choice(["", " MWST", " TVA", " IVA", " TPV", " VAT"])
        return ["CHE-%s.%s.%s%d%s" % (stem[:3], stem[3:6], stem[6:], d, suffix) for d in range(10)]
    stem = "".join(rng.choice("0123456789") for _ in range(8))
    return [rng.choice(["NO", "NO ", ""]) + stem + str(d) + rng.choice(["MVA", " MVA", "", "MWA"]) for d in range(10)]


def near_misses(text, rng):
    chars = list(text)
    positions = [i for i, c in enumerate(chars) if c.isdigit()]
    if not positions:
        return []
    i = rng.choice(positions)
    changed = chars.copy()
    changed[i] = str((int(changed[i]) + rng.randint(1, 9)) % 10)
    swapped = chars.copy()
    if i + 1 < len(chars) and chars[i + 1].isdigit():
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
    dropped = chars[:i] + chars[i + 1:]
    return ["".join(changed), "".join(swapped), "".join(dropped)]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rng = random.Random(20261202)
    for country, is_valid in VALIDATORS.items():
        written = 0
        while written < count:
            for text in candidates(country, rng):
                valid = bool(is_valid(text))
                if valid or rng.random() < 0.05:
                    print(json.dumps({"country": country, "input": text, "valid": valid}))
                    written += 1
                if valid:
                    for miss in near_misses(text, rng):
                        print(json.dumps({"country": country, "input": miss, "valid": bool(is_valid(miss))}))
                        written += 1


if __name__ == "__main__":
    main()
