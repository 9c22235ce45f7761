"""Check that no corpus text was copied into the repository (run by `make eval`).

The corpora in ../shared/corpora (or $DEALDESK_CORPORA) are research-only and held out:
their text must not end up in code, comments, tests or fixtures. Tuning rules on them
tempts one to paste a sentence as an example; this finds that. It lists every run of
WORDS consecutive words (default 10, case and punctuation folded) that a comment or a
string literal in the repository's Python files shares with any corpus file, and exits 1
when there is one. Shorter shared runs are mostly ordinary wire phrasing ("said it agreed
to sell its"); `--words 6` lists them for a human to read.

A copy with the names swapped ("Harlow Pumps said it agreed to buy X" for "Acme Corp said
it agreed to buy Y") shares no long run. `--shape` finds those: it masks capitalised words
(a run of them is one mask) and numbers, and lists each sentence of 8+ words in a comment or
string whose masked word 4-grams occur, for the most part (`--share`, default 0.6), in one
single corpus story; it prints where the sentence is, the share and the story's id (never
the story's text), and how many stories reach that share: ordinary wire phrasing reaches it
in many, a copy in one or two, and it shares 4-grams that are rare in the corpora
(`--min-rare N` lists only sentences with N such). It is a list for a human to read and
always exits 0: ordinary phrasing reaches the share too, so a hit is no verdict.

Nothing is written anywhere; the corpus is only read.
"""

from __future__ import annotations

import argparse
import ast
import io
import math
import re
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from eval_analysis import corpora_dir, reuters_stories  # noqa: E402

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


# --shape: a sentence's form with its names and numbers masked.
SHAPE_WORD = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*")
SHAPE_SIZE = 4
SHAPE_MIN_WORDS = 8
RARE = 3
# Where a comment or string breaks into sentences (and quoted examples) of its own.
_SEGMENT_BREAK = re.compile(r"(?<=[.!?;:])\s+|[\"\u201c\u201d]|\n\s*\n")


def shape_grams(text: str) -> set[str]:
    """Masked word 4-grams: "Harlow Pumps said 5 pct" -> "* said # pct"; names are one mask."""
    shape: list[str] = []
    for word in SHAPE_WORD.findall(text):
        mark = "#" if word[0].isdigit() else "*" if word[0].isupper() else word
        if mark != "*" or not shape or shape[-1] != "*":
            shape.append(mark)
    grams = (shape[i : i + SHAPE_SIZE] for i in range(len(shape) - SHAPE_SIZE + 1))
    # A gram of masks and numbers alone ("* # * #") says nothing of a sentence's shape.
    return {" ".join(g) for g in grams if any(t not in "*#" for t in g)}


def _literal(token: str) -> str:
    try:
        value = ast.literal_eval(token)
    except (SyntaxError, ValueError):  # f-strings and the like: their text as written
        return re.sub(r"^[A-Za-z]*(\"\"\"|\'\'\'|\"|\')|(\"\"\"|\'\'\'|\"|\')$", "", token)
    return value if isinstance(value, str) else ""


def repository_sentences() -> list[tuple[str, str]]:
    """(file:line, sentence) for each sentence of 8+ words in a comment or string.

    Adjacent string literals (implicit concatenation) and comment lines in a row are read
    as one text, so that a sentence wrapped over several lines is seen whole.
    """
    found: list[tuple[str, str]] = []
    for folder in CHECKED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            pieces: list[tuple[int, str]] = []  # (line, text) of the text being joined
            kind = None
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type in (tokenize.NL, tokenize.NEWLINE) and kind == tokenize.STRING:
                    continue  # strings continue across lines inside brackets
                if token.type == tokenize.NL and kind == tokenize.COMMENT:
                    continue
                if token.type != kind or token.type not in (tokenize.COMMENT, tokenize.STRING):
                    found += _sentences(path, pieces)
                    pieces, kind = [], None
                if token.type == tokenize.COMMENT:
                    pieces.append((token.start[0], token.string.lstrip("#").strip()))
                    kind = token.type
                elif token.type == tokenize.STRING:
                    pieces.append((token.start[0], _literal(token.string)))
                    kind = token.type
            found += _sentences(path, pieces)
    return found


def _sentences(path: Path, pieces: list[tuple[int, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    text = ""
    starts: list[tuple[int, int]] = []  # (offset in text, line in the file)
    for line, piece in pieces:
        for i, part in enumerate(piece.split("\n")):
            starts.append((len(text), line + i))
            text += part + "\n"
    offset = 0
    for segment in _SEGMENT_BREAK.split(text):
        at = text.find(segment, offset)
        offset = at + len(segment)
        if len(SHAPE_WORD.findall(segment)) >= SHAPE_MIN_WORDS:
            line = max(ln for off, ln in starts if off <= at)
            out.append((f"{path.relative_to(ROOT)}:{line}", segment))
    return out


def corpus_stories(corpora: Path) -> Iterator[tuple[str, str]]:
    """(id, text) of every story: a Reuters article, a Utah document or answer key."""
    for story in reuters_stories(corpora / "reuters21578"):
        yield f"reuters NEWID={story.newid}", f"{story.title}\n{story.body}"
    utah = corpora / "utah-corporate-acquisitions"
    for path in sorted(p for p in utah.rglob("*") if p.is_file()):
        yield f"utah {path.relative_to(utah)}", path.read_text(encoding="latin-1")


def shape_audit(corpora: Path, share: float, min_rare: int) -> int:
    sentences = [(where, shape_grams(text)) for where, text in repository_sentences()]
    sentences = [(where, grams) for where, grams in sentences if grams]
    ours = set().union(*(grams for _, grams in sentences))
    # Each of our grams -> the stories it occurs in, the corpus read once.
    postings: dict[str, set[int]] = {}
    names: list[str] = []
    for story_id, text in corpus_stories(corpora):
        index = len(names)
        names.append(story_id)
        for gram in shape_grams(text) & ours:
            postings.setdefault(gram, set()).add(index)
    hits: list[tuple[int, int, str]] = []
    for where, grams in sentences:
        need = math.ceil(share * len(grams))
        # A story that holds `need` of the grams holds one of the len - need + 1 rarest.
        ranked = sorted(grams, key=lambda g: len(postings.get(g, ())))
        candidates: set[int] = set()
        for gram in ranked[: len(grams) - need + 1]:
            candidates |= postings.get(gram, set())
        if not candidates:
            continue
        counts = {story: sum(story in postings.get(g, ()) for g in grams) for story in candidates}
        reaching = [story for story, n in counts.items() if n >= need]
        if not reaching:
            continue
        best = max(reaching, key=lambda story: (counts[story], -story))
        # Grams found in at most RARE stories: a few in common happen by chance, many don't.
        rare = sum(best in postings.get(g, ()) and len(postings[g]) <= RARE for g in grams)
        if rare < min_rare:
            continue
        hits.append(
            (
                -rare,
                len(reaching),
                f"{where}: {counts[best]}/{len(grams)} masked 4-grams in {names[best]}, "
                f"{rare} of them in at most {RARE} stories; {len(reaching)} "
                f"stor{'y reaches' if len(reaching) == 1 else 'ies reach'} {share:.0%}",
            )
        )
    for _, _, line in sorted(hits):
        print(line)
    print(
        f"{len(hits)} sentence(s) of {len(sentences)} share at least {share:.0%} of their masked"
        f" 4-grams with one story in {corpora}, most rare 4-grams in common first: a copy with"
        " the names swapped shares many rare ones with one or two stories (Reuters repeats some"
        " stories), ordinary wire phrasing few, with many stories; rewrite the copies"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10, help="length of a shared run")
    parser.add_argument(
        "--shape", action="store_true", help="find copies with the names swapped (report only)"
    )
    parser.add_argument(
        "--share", type=float, default=0.6, help="--shape: share of masked 4-grams in one story"
    )
    parser.add_argument(
        "--min-rare",
        type=int,
        default=0,
        help=f"--shape: list only sentences with this many 4-grams found in <= {RARE} stories",
    )
    args = parser.parse_args()
    corpora = corpora_dir()
    if not corpora.is_dir():
        print(f"corpora not found at {corpora} (set DEALDESK_CORPORA); nothing to check")
        return 0
    if args.shape:
        return shape_audit(corpora, args.share, args.min_rare)
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
