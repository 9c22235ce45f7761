"""Check that no corpus text was copied into the repository (run by `make eval`).

The corpora in ../shared/corpora (or $DEALDESK_CORPORA) are research-only and held out:
their text must not end up in code, comments, tests or fixtures. Tuning rules on them
tempts one to paste a sentence as an example; this finds that. It lists every run of
WORDS consecutive words (default 10, case and punctuation folded) that a comment or a
string literal in the repository's Python files shares with any corpus file, and exits 1
when there is one. Shorter shared runs are mostly ordinary wire phrasing ("said it agreed
to sell its"); `--words 6` lists them for a human to read.

Nothing is written anywhere; the corpus is only read.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from eval_analysis import corpora_dir  # noqa: E402

WORD = re.compile(r"[a-z0-9]+")
CHECKED = ("articles", "deals", "newsroom", "scripts", "tests")


def runs(text: str, size: int) -> Iterator[str]:
    words = WORD.findall(text.lower())
    for i in range(len(words) - size + 1):
        yield " ".join(words[i : i + size])


def repository_runs(size: int) -> dict[str, set[str]]:
    """Every run of `size` words in a comment or string literal, with where it is."""
    found: dict[str, set[str]] = {}
    for folder in CHECKED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type in (tokenize.COMMENT, tokenize.STRING):
                    where = f"{path.relative_to(ROOT)}:{token.start[0]}"
                    for run in runs(token.string, size):
                        found.setdefault(run, set()).add(where)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10, help="length of a shared run")
    args = parser.parse_args()
    corpora = corpora_dir()
    if not corpora.is_dir():
        print(f"corpora not found at {corpora} (set DEALDESK_CORPORA); nothing to check")
        return 0
    ours = repository_runs(args.words)
    shared: dict[str, set[str]] = {}
    for path in sorted(p for p in corpora.rglob("*") if p.is_file()):
        for run in runs(path.read_text(encoding="latin-1"), args.words):
            if run in ours:
                shared[run] = ours[run]
    for run, places in sorted(shared.items(), key=lambda item: sorted(item[1])):
        print(f"{', '.join(sorted(places))}: {run}")
    print(
        f"{len(shared)} run(s) of {args.words} words shared with {corpora}"
        + (" — rewrite any that follow a story with invented wording" if shared else "")
    )
    return 1 if shared else 0


if __name__ == "__main__":
    raise SystemExit(main())
