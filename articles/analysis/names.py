"""Company-name normalisation shared by the dictionary matcher and CompanyAlias.

The dictionary matcher tokenises story text with the very same `TOKEN_RE` and
`fold()` used here, so a key stored in `CompanyAlias.normalised` and a mention
found in a story meet on identical token sequences.
"""

from __future__ import annotations

import re
import unicodedata


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated block, for readable word lists."""
    return frozenset(text.split())


LEGAL_SUFFIXES = wordset(
    """
    inc incorporated corp corporation co company cos ltd limited llc llp lp plc holding
    holdings group pte pvt private bhd berhad tbk ag sa nv bv gmbh kk ab asa oy spa srl sarl
    se kg kgaa jsc pjsc oao ooo sdn public pty
    """
)

# One token is a run of letters/digits, or a lone ampersand ("AT&T" -> at & t).
TOKEN_RE = re.compile(r"[^\W_]+|&")
_POSSESSIVE = re.compile(r"['’]s\b")


def _build_fold_table() -> dict[int, str]:
    """Map accented Latin letters to their base letter, one character to one.

    Keeping the length unchanged lets offsets found in the folded, lower-cased
    text point straight back into the original sentence.
    """
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[:1]
        if base != ch and base.isascii() and base.isalpha():
            table[code] = base
    table[ord("’")] = "'"
    table[ord("‘")] = "'"
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case and strip accents without changing the string's length."""
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lower-cases to two code points
        low = "".join(ch.lower()[:1] for ch in text)
    return low if low.isascii() else low.translate(_FOLD)


def name_tokens(name: str) -> list[str]:
    """The folded tokens of a name with possessives removed."""
    return TOKEN_RE.findall(_POSSESSIVE.sub("", fold(name)))


def strip_suffixes(words: list[str]) -> list[str]:
    """Drop trailing legal-form words, keeping at least one word.

    Dotted forms count ("N.V." is "n v", "L.P." is "l p"), and so does the "and"
    or "&" that joins a legal form on ("Searle and Co", "Becher GmbH and Co KG").
    """
    end = len(words)
    while end > 1:
        last = words[end - 1]
        if last in LEGAL_SUFFIXES:
            end -= 1
        elif end > 2 and len(last) == 1 and len(words[end - 2]) == 1:
            if words[end - 2] + last not in LEGAL_SUFFIXES:
                break
            end -= 2
        else:
            break
        if end > 1 and words[end - 1] in ("and", "&"):
            end -= 1
    start = 1 if end > 1 and words[0] == "the" else 0
    return words[start:end]


def normalise_name(name: str) -> str:
    """Fold case, accents, punctuation and trailing legal suffixes into one key.

    "Alibaba Group Holding Ltd", "Alibaba Group" and "alibaba" share the key
    "alibaba", so aliases and story mentions meet on it.
    """
    return " ".join(strip_suffixes(name_tokens(name)))
