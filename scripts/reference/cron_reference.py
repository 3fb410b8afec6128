#!/usr/bin/env python3
"""Generate the cron differential-test fixture from an independent implementation.

Pinned packages (PyPI):
    cronsim==2.8       the reference: Healthchecks' cron evaluator, Debian/Vixie cron semantics
    tzdata==2025.2     IANA tz data 2025b, the release chrono-tz 0.10.4 bundles

    pip install cronsim==2.8 tzdata==2025.2
    python3 scripts/reference/cron_reference.py > crates/core/tests/fixtures/cron-reference.jsonl

What the reference decides by itself, so the comparison can catch the console's mistakes:
- The day rule: cronsim applies Vixie's rule on its own (the two day fields are ANDed when
  either starts with `*`, ORed otherwise). The generator writes every kind of day field,
  `*/n`, `a-b/n`, `a/n` and lists included, with no combination left out.
- Daylight saving: cronsim is given a zone-aware start instant (zoneinfo, from the pinned
  tzdata package only, never the system's files) and its answers are converted to UTC as they
  are. Nothing here re-implements a daylight-saving rule. Where cronsim's rule differs from the
  console's (Debian cron's: a job in a skipped hour runs when the clock jumps; an hour-wildcard
  job runs in both copies of a repeated hour), or where cronsim errs (it steps hours in real
  time and loses minutes when an offset changes by half an hour, off the hour or at
  midnight), the Rust test lists the cases and says why
  (crates/core/tests/cron_differential/known.rs); everything else must be equal.

Starts are random instants in 2025-2027, and for half the cases instants within 36 hours
before (most within 6 hours before, or 90 minutes after) one of the case's zone's offset
changes, found in the tz data; most of those cases name the local hours around the change, so
that the change falls among the listed runs. The output is deterministic for the pinned
versions.
"""
import json
import random
import sys
import zoneinfo
from datetime import datetime, timedelta, timezone

# The zone data must be the pinned release, not whatever the machine has.
zoneinfo.reset_tzpath(to=())

from importlib.metadata import version  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import tzdata  # noqa: E402
from cronsim import CronSim, CronSimError  # noqa: E402

# Other versions may answer differently; the fixture records these.
assert version("cronsim") == "2.8", version("cronsim")
assert tzdata.IANA_VERSION == "2025b", tzdata.IANA_VERSION

ZONES = [
    "UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles",
    "America/Sao_Paulo", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata",
    "Asia/Kathmandu", "Pacific/Chatham", "Asia/Tokyo", "America/St_Johns", "Africa/Cairo",
    "America/Santiago", "America/Havana",
]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
COUNT = 1400
RUNS = 5
SPAN_START = datetime(2025, 1, 1, tzinfo=timezone.utc)
SPAN_END = datetime(2028, 1, 1, tzinfo=timezone.utc)


def utc_text(t):
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def offset_changes(zone):
    """Instants in the span where the zone's UTC offset changes, to the minute."""
    tz = ZoneInfo(zone)
    changes = []
    t = SPAN_START
    offset = t.astimezone(tz).utcoffset()
    while t < SPAN_END:
        nxt = t + timedelta(hours=1)
        if nxt.astimezone(tz).utcoffset() != offset:
            lo = t
            while nxt - lo > timedelta(minutes=1):
                mid = lo + (nxt - lo) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid.astimezone(tz).utcoffset() == offset:
                    lo = mid
                else:
                    nxt = mid
            changes.append(nxt)
            offset = nxt.astimezone(tz).utcoffset()
        t = nxt
    return changes


def value(rng, low, high, names=None):
    v = rng.randint(low, high)
    if names and rng.random() < 0.3:
        return names[(v - low) % len(names)]
    return str(v)


def item(rng, low, high, names=None):
    """One list item, of any kind cron allows."""
    kind = rng.random()
    step = rng.randint(2, max(4, (high - low) // 3))
    if kind < 0.3:
        return value(rng, low, high, names)
    if kind < 0.45:
        a = rng.randint(low, high - 1)
        b = rng.randint(a + 1, high)
        if names and b - low < len(names) and rng.random() < 0.3:
            return f"{names[a - low]}-{names[b - low]}"
        return f"{a}-{b}"
    if kind < 0.65:
        return f"*/{step}"
    if kind < 0.85:
        a = rng.randint(low, high - 1)
        b = rng.randint(a + 1, high)
        return f"{a}-{b}/{rng.randint(1, max(1, (b - a) // 2))}"
    return f"{rng.randint(low, high)}/{step}"


def field(rng, low, high, star_chance, names=None):
    if rng.random() < star_chance:
        return "*"
    if rng.random() < 0.2:
        return ",".join(item(rng, low, high, names) for _ in range(rng.randint(2, 3)))
    return item(rng, low, high, names)


def expression(rng, hours_near=None):
    """A random expression; near an offset change, often one that runs in the hours around it
    (`hours_near`, local) on every day, so that the change falls among its listed runs."""
    near = hours_near is not None
    minute = field(rng, 0, 59, 0.15)
    hour = field(rng, 0, 23, 0.3)
    if near and rng.random() < 0.6:
        before, at = hours_near
        hour = rng.choice([str(before), str(at), f"{before},{at}", f"{before},{at},{(at + 12) % 24}"])
        if before < at and rng.random() < 0.3:
            hour = f"{before}-{at}"
    dom = field(rng, 1, 31, 0.7 if near else 0.4)
    month = field(rng, 1, 12, 0.9 if near else 0.7, MONTHS)
    # 7 is Sunday too; names only below 7.
    dow = field(rng, 0, 7, 0.7 if near else 0.4, DAYS)
    return f"{minute} {hour} {dom} {month} {dow}"


def start(rng, zone, changes):
    """A start instant, and the local hours around the offset change it is near, if any."""
    if changes and rng.random() < 0.5:
        change = rng.choice(changes)
        # Mostly just before the change (or just after it, inside a repeated hour), so that
        # even frequent schedules reach it within the listed runs.
        minutes = rng.randint(-90, 6 * 60) if rng.random() < 0.75 else rng.randint(0, 36 * 60)
        before = (change - timedelta(minutes=1)).astimezone(ZoneInfo(zone)).hour
        after = change - timedelta(minutes=minutes, seconds=rng.randint(0, 59))
        return after, (before, (before + 1) % 24)
    seconds = int((SPAN_END - SPAN_START).total_seconds()) - 180 * 86400
    return SPAN_START + timedelta(seconds=rng.randint(0, seconds)), None


def reference_runs(expr, zone, after):
    it = CronSim(expr, after.astimezone(ZoneInfo(zone)))
    runs = []
    try:
        for _ in range(RUNS):
            runs.append(utc_text(next(it)))
    except StopIteration:  # no run within cronsim's 50-year search
        pass
    return runs


def main():
    rng = random.Random(20261127)
    changes = {zone: offset_changes(zone) for zone in ZONES}
    written = rejected = 0
    for _ in range(COUNT):
        zone = rng.choice(ZONES)
        after, hours_near = start(rng, zone, changes[zone])
        expr = expression(rng, hours_near)
        try:
            runs = reference_runs(expr, zone, after)
        except CronSimError as err:
            # Only schedules that can never run (e.g. day 31 in 30-day months with `*` days).
            print(f"cronsim rejects {expr!r}: {err}", file=sys.stderr)
            rejected += 1
            continue
        print(json.dumps({"expr": expr, "tz": zone, "after": utc_text(after), "runs": runs}))
        written += 1
    print(f"{written} cases, {rejected} rejected by cronsim", file=sys.stderr)
    assert written >= 1200, written


if __name__ == "__main__":
    main()
