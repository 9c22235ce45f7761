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
    rng = random.Random(3)
    names = [name for name, _ in SEED_NAMES]
    stories = []
    for _ in range(5000):
        a, b = rng.sample(names, 2)
        body = f"{a} said it agreed to acquire {b} for $1.2 billion. " * rng.randint(1, 8)
        stories.append((f"{a} to buy {b}", body))
    return stories, "synthetic"


def emit(name: str, value: float, unit: str, corpus: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit, "corpus": corpus}))


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
    emit(
        "analysis.max_rss",
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "MiB",
        corpus,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
