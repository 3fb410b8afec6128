#!/usr/bin/env python3
"""Generate the cron differential-test fixture from an independent implementation.

Reference: cronsim (the cron evaluator of Healthchecks; Vixie day-of-month OR day-of-week)
iterated over naive wall-clock times, mapped to instants with the standard library's zoneinfo under the rule the
console follows: a wall-clock time that does not exist is skipped, one that happens twice runs
once, at its first occurrence.

    pip install cronsim==2.8 croniter==6.0.0
    python3 scripts/reference/cron_reference.py > crates/core/tests/fixtures/cron-reference.jsonl

croniter is run too, as a second opinion: where it disagrees with cronsim the case is
reported on stderr (croniter 6.0.0 mis-steps `*/5` day-of-month across February's end, for
example) and cronsim's answer is kept. The output is deterministic for a given cronsim and
tz database; the Rust test
(crates/core/tests/cron_differential.rs) fails on any difference.
"""
import json
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from croniter import croniter
from cronsim import CronSim
import sys

ZONES = [
    "UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles",
    "America/Sao_Paulo", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata",
    "Asia/Kathmandu", "Pacific/Chatham", "Asia/Tokyo", "America/St_Johns", "Africa/Cairo",
]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
COUNT = 1200
RUNS = 5


def value(rng, low, high, names=None):
    v = rng.randint(low, high)
    if names and rng.random() < 0.3:
        return names[(v - low) % len(names)] if low == 0 else names[v - 1]
    return str(v)


def part(rng, low, high, names=None, allow_star_step=True):
    kind = rng.random()
    if kind < 0.35:
        return value(rng, low, high, names)
    if kind < 0.55:
        a = rng.randint(low, high - 1)
        b = rng.randint(a + 1, high)
        if names and rng.random() < 0.3:
            base = 0 if low == 0 else 1
            return f"{names[a - base]}-{names[b - base]}"
        return f"{a}-{b}"
    if kind < 0.7 and allow_star_step:
        return f"*/{rng.randint(2, max(2, (high - low) // 2))}"
    if kind < 0.85:
        a = rng.randint(low, high - 1)
        b = rng.randint(a + 1, high)
        return f"{a}-{b}/{rng.randint(1, max(1, b - a))}"
    return ",".join(sorted({value(rng, low, high) for _ in range(rng.randint(2, 4))}, key=int))


def field(rng, low, high, star_chance, names=None, allow_star_step=True):
    if rng.random() < star_chance:
        return "*"
    return part(rng, low, high, names, allow_star_step)


def expression(rng):
    minute = field(rng, 0, 59, 0.1)
    hour = field(rng, 0, 23, 0.3)
    dom = field(rng, 1, 28 if rng.random() < 0.8 else 31, 0.6)
    dow = field(rng, 0, 6, 0.6, DAYS)
    if dom != "*" and dow != "*":
        # `*/n` counts as unrestricted in Vixie cron but not in croniter: keep both explicit.
        dom = part(rng, 1, 28, None, allow_star_step=False)
        dow = part(rng, 0, 6, DAYS, allow_star_step=False)
    month = field(rng, 1, 12, 0.7, MONTHS)
    return f"{minute} {hour} {dom} {month} {dow}"


def reference_runs(expr, zone, after, make_iter):
    tz = ZoneInfo(zone)
    local = after.astimezone(tz).replace(tzinfo=None)
    it = make_iter(expr, local)
    runs = []
    guard = 0
    while len(runs) < RUNS and guard < 10_000:
        guard += 1
        naive = next(it)
        aware = naive.replace(tzinfo=tz, fold=0)
        if aware.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != naive:
            continue  # does not exist on this day (spring forward)
        instant = aware.astimezone(timezone.utc)
        if instant <= after:
            continue  # the first occurrence of a repeated time already passed
        runs.append(instant.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return runs


def starts(rng):
    # Random instants, and instants just before the daylight-saving changes of 2026.
    for _ in range(COUNT):
        if rng.random() < 0.5:
            yield datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
        else:
            change = rng.choice([
                datetime(2026, 3, 8, 6, 0), datetime(2026, 11, 1, 5, 0), datetime(2026, 3, 29, 0, 0),
                datetime(2026, 10, 25, 0, 0), datetime(2026, 4, 5, 15, 0), datetime(2026, 10, 3, 15, 0),
                datetime(2026, 9, 27, 14, 0), datetime(2026, 4, 4, 14, 0),
            ]).replace(tzinfo=timezone.utc)
            yield change - timedelta(minutes=rng.randint(0, 36 * 60))


def main():
    rng = random.Random(20261127)
    written = 0
    for after in starts(rng):
        expr = expression(rng)
        zone = rng.choice(ZONES)
        try:
            runs = reference_runs(expr, zone, after, lambda e, t: CronSim(e, t))
        except Exception:  # schedules that never fire
            continue
        try:
            second = reference_runs(expr, zone, after, lambda e, t: croniter(e, t).all_next(datetime))
        except Exception:
            second = None
        if second != runs:
            print(f"croniter differs on {expr!r} in {zone} after {after}: {second} vs {runs}", file=sys.stderr)
        if len(runs) < RUNS:
            continue
        print(json.dumps({"expr": expr, "tz": zone, "after": after.strftime("%Y-%m-%dT%H:%M:%SZ"), "runs": runs}))
        written += 1
    assert written >= 1000, written


if __name__ == "__main__":
    main()
