"""Speed of the story analysis (called by `make bench`).

Every Reuters-21578 story goes through `analyse()` with a 10,000-name company
dictionary (real-looking seed names plus synthetic ones). Prints one JSON
object per line: {"name": ..., "value": ..., "unit": ...}. The corpus is read
from ../shared/corpora (or $DEALDESK_CORPORA) at run time; without it, a
synthetic set of stories stands in and the lines say so.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from articles.analysis import CompanyDictionary, analyse  # noqa: E402

SEED_NAMES = [
    ("Alibaba Group Holding Ltd", ["Alibaba"]),
    ("Kroger Co", ["Kroger"]),
    ("Amazon.com Inc", ["Amazon"]),
    ("Whole Foods Market", ["Whole Foods"]),
    ("Tencent Holdings Ltd", ["Tencent"]),
    ("Carrefour SA", ["Carrefour"]),
    ("Bigbasket", ["Supermarket Grocery Supplies"]),
    ("Walmart Inc", ["Walmart", "Wal-Mart"]),
    ("Grab Holdings", ["Grab"]),
    ("Sea Ltd", ["Sea"]),
    ("Target Corp", ["Target"]),
    ("Shell PLC", ["Shell", "Royal Dutch Shell"]),
    ("Apple Inc", ["Apple"]),
    ("General Electric Co", ["GE"]),
    ("International Business Machines Corp", ["IBM"]),
]
_SYLLABLES = ("ka", "lo", "mi", "ne", "ra", "su", "to", "vi", "xe", "zo", "bra", "cor", "del")
_TAILS = ("Holdings", "Group", "Corp", "Inc", "Ltd", "Technologies", "Capital", "Partners", "Foods")


def synthetic_entries(n: int, seed: int = 7) -> list[tuple[int, str, list[str]]]:
    rng = random.Random(seed)
    entries: list[tuple[int, str, list[str]]] = [
        (i + 1, name, aliases) for i, (name, aliases) in enumerate(SEED_NAMES)
    ]
    while len(entries) < n:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        name = f"{stem} {rng.choice(_TAILS)}"
        entries.append((len(entries) + 1, name, [stem] if rng.random() < 0.5 else []))
    return entries


def load_stories() -> tuple[list[tuple[str, str]], str]:
    from eval_analysis import corpora_dir, reuters_stories

    folder = corpora_dir() / "reuters21578"
    if folder.is_dir():
        return [(s.title, s.body) for s in reuters_stories(folder)], "reuters21578"
    # Said on stderr as well as in each line's "corpus": a run from a checkout outside
    # /work (a worktree in /tmp) silently measured these instead of the newswire once.
    print(
        f"bench_analysis: no Reuters-21578 at {folder} (set DEALDESK_CORPORA); "
        "measuring synthetic stories, not comparable with the newswire figures",
        file=sys.stderr,
    )
    rng = random.Random(3)
    names = [name for name, _ in SEED_NAMES]
    stories = []
    for _ in range(5000):
        a, b = rng.sample(names, 2)
        body = f"{a} said it agreed to acquire {b} for $1.2 billion. " * rng.randint(1, 8)
        stories.append((f"{a} to buy {b}", body))
    return stories, "synthetic"


def emit(name: str, value: float, unit: str, corpus: str, **extra: str) -> None:
    line = {"name": name, "value": round(value, 3), "unit": unit, "corpus": corpus, **extra}
    print(json.dumps(line))


def _distinct(make: Callable[[int], str], size: int) -> str:
    """Numbered pieces up to `size` characters (a repeated paragraph is dropped as furniture)."""
    pieces: list[str] = []
    total = 0
    i = 0
    while total < size:
        pieces.append(make(i))
        total += len(pieces[-1])
        i += 1
    return "".join(pieces)[:size]


def _repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _acronym(i: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[i % 26] + letters[i // 26 % 26] + letters[i // 676 % 26]


def _random_unicode(size: int) -> str:
    rng = random.Random(9)
    return "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(size))


def _capitalised_words(size: int) -> str:
    rng = random.Random(5)
    words = ("Kalo", "Mine", "Raso", "Tovi", "Zobra", "Cordel", "Holdings", "Group", "Grab")
    return _repeated(" ".join(rng.choice(words) for _ in range(2000)) + " ", size)


# Story bodies an attacker (or a broken scraper) could send, each built to a given
# length. Every one must cost time linear in its length; the bench reports the worst.
HOSTILE_SHAPES: dict[str, Callable[[int], str]] = {
    "one_sentence_without_full_stops": lambda n: _repeated(
        "Alibaba agreed to acquire Zentrix Labs for $200m and Grab said ", n
    ),
    "all_caps": lambda n: _repeated(
        "ACME FOODS <ACF> AGREES TO ACQUIRE WIDGET WORKS FOR 20 MLN DLRS. ", n
    ),
    "caps_headline_per_paragraph": lambda n: _distinct(
        lambda i: f"KALOMI{i} CORP <KLM> TO ACQUIRE RASUTO{i} INC STAKE\n\n", n
    ),
    "caps_headlines_between_prose": lambda n: (
        "Kalomi Corp said Vixe Group and Zobra Ltd met. "
        + _distinct(
            lambda i: (
                f"KALOMI{i} STARTS BID FOR RASUTO{i} TRADING{i}\n\n"
                f"Shares of Vixe rose in trading{i} today, said Zobra Bank{i} in Tovi{i}.\n\n"
            ),
            n,
        )
    ),
    "capitalised_words": _capitalised_words,
    "repeated_deal_sentences": lambda n: _repeated(
        "Kalomi Corp to acquire Rasuto Inc for $5 mln. Vixe Group to acquire Zobra Ltd. ", n
    ),
    "distinct_deal_sentences": lambda n: _distinct(
        lambda i: (
            f"Kalomi{i} Corp said on Monday it agreed to buy Rasuto{i} Inc, "
            f"a unit of Vixe Group, for 20 mln dlrs. "
        ),
        n,
    ),
    "distinct_mergers": lambda n: _distinct(
        lambda i: (
            f"Kalomi{i} Corp and Rasuto{i} Inc agreed to merge. "
            f"Rasuto{i} shareholders will receive 2 Kalomi{i} shares. "
        ),
        n,
    ),
    "acronym_buyers": lambda n: _distinct(lambda i: f"{_acronym(i)} to acquire Rasuto{i} Inc. ", n),
    "money_figures": lambda n: _repeated(
        "$1.2 billion, Rs 1,500 crore, 40m euros, 20 mln dlrs, ", n
    ),
    "punctuation_lines": lambda n: _repeated("!!!???...,,,;;;:::---***\n", n),
    "long_words": lambda n: _repeated("A" * 5000 + " " + "b" * 5000 + " ", n),
    "related_links_on_one_paragraph": lambda n: _repeated(
        "Also Read: Kalomi Corp buys Rasuto Inc\n", n
    ),
    "related_list_under_one_marker": lambda n: (
        "Also Read:\n\n"
        + _distinct(lambda i: f"- Vixe{i} Group sells Zobra{i} unit to Kalomi Corp\n\n", n)
    ),
    "related_marker_per_paragraph": lambda n: _distinct(
        lambda i: f"Also Read: Kalomi{i} Corp to acquire Rasuto Inc\n\n", n
    ),
    "abbreviations_in_one_paragraph": lambda n: _repeated(
        "Mr. Kalo went to St. Mine with Dr. Raso and J. Tovi ", n
    ),
    "digit_runs": lambda n: _repeated("1234567890", n),
    "tab_space_runs": lambda n: _repeated("Kalo \t\t   \t    \t Mine    \t\t\t   ", n),
    "one_word_lines": lambda n: _repeated("Word\n", n),
    "random_unicode": _random_unicode,
}
HOSTILE_CHARS = 250_000


def hostile_seconds_per_mb(dictionary: CompanyDictionary) -> dict[str, float]:
    """CPU seconds per MB of body for each hostile shape, at `HOSTILE_CHARS` characters."""
    seconds: dict[str, float] = {}
    for name, make in HOSTILE_SHAPES.items():
        body = make(HOSTILE_CHARS)
        gc.collect()
        started = time.process_time()
        analyse("Story", body, dictionary, rules_only=True)
        seconds[name] = (time.process_time() - started) / (len(body) / 1_000_000)
    return seconds


def reference_cpu_seconds(n: int = 5_000_000, repeats: int = 3) -> float:
    """CPU seconds of a fixed pure-Python loop, best of `repeats`: this machine's speed.

    Stories per CPU-second depend on the core as much as on the code (the same
    commit measured 2,133 in one session and about 1,080 in the next, on another
    machine of the same kind); compare runs on different machines with this figure
    beside them, and only compare code on one machine, interleaved.
    """
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        total = 0
        for i in range(n):
            total += i
        best = min(best, time.process_time() - started)
    return best


def main() -> int:
    emit("machine.reference_loop_cpu_seconds", reference_cpu_seconds(), "s", "none")
    stories, corpus = load_stories()
    entries = synthetic_entries(10_000)

    gc.collect()
    started = time.perf_counter()
    dictionary = CompanyDictionary.build(entries)
    build = time.perf_counter() - started
    emit("analysis.dictionary_build", build * 1000, "ms", corpus)
    emit("analysis.dictionary_names", len(dictionary), "names", corpus)

    chars = sum(len(t) + len(b) for t, b in stories)
    deals = 0
    started_cpu = time.process_time()
    started = time.perf_counter()
    for title, body in stories:
        deals += len(analyse(title, body, dictionary, rules_only=True).deals)
    wall = time.perf_counter() - started
    cpu = time.process_time() - started_cpu
    emit("analysis.stories_per_second", len(stories) / wall, "stories/s", corpus)
    emit("analysis.stories", len(stories), "stories", corpus)
    emit("analysis.chars_per_second", chars / wall, "chars/s", corpus)
    emit("analysis.cpu_seconds", cpu, "s", corpus)
    # CPU time is steadier than wall time on a shared machine.
    emit("analysis.stories_per_cpu_second", len(stories) / cpu, "stories/s", corpus)
    emit("analysis.deals_found", deals, "deals", corpus)

    # Peak Python allocation while analysing: flat in the number of stories
    # when the first and the full pass peak alike.
    tracemalloc.start()
    for title, body in stories[:1000]:
        analyse(title, body, dictionary, rules_only=True)
    _, peak_first = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    for title, body in stories:
        analyse(title, body, dictionary, rules_only=True)
    _, peak_all = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    emit("analysis.peak_traced_memory_first_1000", peak_first / 2**20, "MiB", corpus)
    emit("analysis.peak_traced_memory_all", peak_all / 2**20, "MiB", corpus)
    # Hostile input: CPU time per MB of the slowest shape (each grows linearly).
    hostile = hostile_seconds_per_mb(dictionary)
    for name, value in hostile.items():
        emit(f"analysis.hostile.{name}", value, "s/MB", "synthetic")
    worst = max(hostile, key=hostile.__getitem__)
    emit("analysis.hostile_worst_seconds_per_mb", hostile[worst], "s/MB", "synthetic", shape=worst)
    emit(
        "analysis.max_rss",
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "MiB",
        corpus,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
