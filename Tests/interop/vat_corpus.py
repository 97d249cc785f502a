#!/usr/bin/env python3
"""Writes a corpus of EU VAT numbers with python-stdnum's verdict on each, as JSON lines.

Valid numbers are made by completing random country-shaped stems with every possible check
character and keeping those stdnum accepts; near misses change, swap, drop or add a character.
Inputs are then decorated as people type them: separators each country's rules allow, lower
case. Usage: vat_corpus.py [COUNT_PER_COUNTRY] > corpus.jsonl (deterministic: fixed seed).
"""
import json
import random
import string
import sys

from stdnum.eu import vat

DIGITS = string.digits
LETTERS = string.ascii_uppercase

# The separators stdnum's country modules remove (besides the space every one removes).
SEPARATORS = {
    "AT": "-./", "BE": "-./", "BG": "-.", "CY": "-", "CZ": "/", "DE": "-./,", "DK": "-.,/:",
    "EE": "", "EL": "-./:", "ES": "-", "FI": "-", "FR": "-.", "HR": "-", "HU": "-", "IE": "-",
    "IT": "-:", "LT": "-", "LU": ":.-", "LV": "-", "MT": "-", "NL": "-.", "PL": "-", "PT": "-.",
    "RO": "-", "SE": "-.", "SI": "-", "SK": "-", "XI": "-.",
}


def digits(rng, n, first=DIGITS):
    return rng.choice(first) + "".join(rng.choice(DIGITS) for _ in range(n - 1)) if n else ""


def birth_date(rng, years, month_offset=0):
    year = rng.choice(years)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    return year, "%02d%02d" % (month + month_offset, day)


def stems(cc, rng):
    """(stem, check characters to try, suffix) triples shaped like the country's numbers."""
    if cc == "AT": return [("U" + digits(rng, 7), DIGITS, "")]
    if cc == "BE": return [(rng.choice("01") + digits(rng, 7), ["%02d" % i for i in range(100)], "")]
    if cc == "BG":
        year, mmdd = birth_date(rng, range(1920, 2000))
        return [(digits(rng, 8), DIGITS, ""), (digits(rng, 9), DIGITS, ""),
                ("%02d" % (year % 100) + mmdd + digits(rng, 3), DIGITS, "")]
    if cc == "CY": return [(rng.choice("013459") + digits(rng, 7), LETTERS, "")]
    if cc == "CZ":
        year, mmdd = birth_date(rng, range(1954, 2000))
        return [(digits(rng, 7, "12345678"), DIGITS, ""), ("6" + digits(rng, 7), DIGITS, ""),
                ("%02d" % (year % 100) + mmdd + digits(rng, 3), DIGITS, "")]
    if cc in ("DE", "MT"): return [(digits(rng, 8 if cc == "DE" else 7, "123456789"), DIGITS, "")]
    if cc == "DK": return [(digits(rng, 7, "123456789"), DIGITS, "")]
    if cc in ("EE", "EL"): return [(digits(rng, 8), DIGITS, "")]
    if cc == "ES":
        return [(digits(rng, 8), LETTERS, ""), (rng.choice("XYZ") + digits(rng, 7), LETTERS, ""),
                (rng.choice("ABCDEFGHJNPQRSUVW") + digits(rng, 7), DIGITS + "JABCDEFGHI", ""),
                (rng.choice("KLM") + digits(rng, 7), LETTERS, "")]
    if cc in ("FI", "HU"): return [(digits(rng, 7), DIGITS, "")]
    if cc == "FR":
        siren8 = digits(rng, 8)
        return [("", ["%02d" % i for i in range(100)], siren8 + d) for d in DIGITS]
    if cc == "HR": return [(digits(rng, 10), DIGITS, "")]
    if cc == "IE":
        return [(digits(rng, 7), "WABCDEFGHIJKLMNOPQRSTUV", ""), (digits(rng, 7), "WABCDEFGHIJKLMNOPQRSTUV", "H"),
                (digits(rng, 1) + rng.choice(LETTERS + "+*") + digits(rng, 5), "WABCDEFGHIJKLMNOPQRSTUV", "")]
    if cc == "IT": return [(digits(rng, 7, "123456789") + "%03d" % rng.choice(list(range(1, 101)) + [120, 121, 888, 999]), DIGITS, "")]
    if cc == "LT": return [(digits(rng, 7) + "1", DIGITS, ""), (digits(rng, 10) + "1", DIGITS, "")]
    if cc == "LU": return [(digits(rng, 6), ["%02d" % i for i in range(100)], "")]
    if cc == "LV":
        year, mmdd = birth_date(rng, range(1900, 2000))
        return [(digits(rng, 10, "456789"), DIGITS, ""),
                (mmdd[2:] + mmdd[:2] + "%02d" % (year % 100) + "1" + digits(rng, 3), DIGITS, ""),
                ("32" + digits(rng, 8), DIGITS, "")]
    if cc == "NL": return [(digits(rng, 8), DIGITS, "B%02d" % rng.randint(1, 99))]
    if cc == "PL": return [(digits(rng, 9), DIGITS, "")]
    if cc == "PT": return [(digits(rng, 8, "123456789"), DIGITS, "")]
    if cc == "RO":
        year, mmdd = birth_date(rng, range(1950, 2000))
        return [(digits(rng, rng.randint(1, 9), "123456789"), DIGITS, ""),
                (rng.choice("12") + "%02d" % (year % 100) + mmdd + "%02d" % rng.randint(1, 46) + digits(rng, 3), DIGITS, "")]
    if cc == "SE": return [(digits(rng, 9), DIGITS, "01")]
    if cc == "SI": return [(digits(rng, 7, "123456789"), DIGITS, "")]
    if cc == "SK": return [(digits(rng, 1, "123456789") + digits(rng, 1) + rng.choice("234789") + digits(rng, 6), DIGITS, "")]
    if cc == "XI":
        return [(digits(rng, 8), DIGITS, ""), (digits(rng, 8), DIGITS, digits(rng, 3)),
                ("GD", ["%03d" % rng.randint(0, 499)], ""), ("HA", ["%03d" % rng.randint(500, 999)], "")]
    raise ValueError(cc)


def valid_numbers(cc, rng, wanted):
    found = []
    attempts = 0
    while len(found) < wanted and attempts < wanted * 200:
        attempts += 1
        for stem, checks, suffix in stems(cc, rng):
            for check in checks:
                number = cc + stem + check + suffix
                if vat.is_valid(number):
                    found.append(number)
                    break
    return found[:wanted]


def near_misses(number, rng):
    cc, body = number[:2], number[2:]
    i = rng.randrange(len(body))
    changed = body[:i] + rng.choice(DIGITS if body[i].isdigit() else LETTERS) + body[i + 1:]
    j = rng.randrange(max(1, len(body) - 1))
    swapped = body[:j] + body[j + 1:j + 2] + body[j:j + 1] + body[j + 2:]
    last = body[:-1] + (DIGITS[(DIGITS.index(body[-1]) + 1) % 10] if body[-1].isdigit() else rng.choice(LETTERS))
    return [cc + changed, cc + swapped, cc + last, cc + body[:-1], cc + body + rng.choice(DIGITS)]


def decorate(number, rng):
    cc, body = number[:2], list(number[2:])
    separators = " " + SEPARATORS[cc]
    for _ in range(rng.randint(0, 3)):
        body.insert(rng.randint(0, len(body)), rng.choice(separators))
    text = cc + ("" if rng.random() < 0.5 else rng.choice(separators)) + "".join(body)
    return text.lower() if rng.random() < 0.3 else text


def main():
    per_country = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rng = random.Random(20261129)
    for cc in sorted(SEPARATORS):
        for number in valid_numbers(cc, rng, per_country):
            for candidate in [number, decorate(number, rng)] + [decorate(m, rng) for m in near_misses(number, rng)]:
                print(json.dumps({"input": candidate, "stdnum_valid": vat.is_valid(candidate)}))


if __name__ == "__main__":
    main()
