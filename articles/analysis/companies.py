"""Company mentions: known names via Aho-Corasick, unknown ones from how text names them.

Known names and aliases are matched on folded token sequences, so case,
punctuation, accents and trailing legal suffixes do not matter and a match can
only start and end on word boundaries, in one pass over the sentence whatever
the size of the dictionary. Names that are also everyday words ("Grab",
"Target") count only where the sentence uses them as names.

Unknown companies are proposed from capitalised runs; `deals` decides which of
them are companies from the deal wording around them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .cues import UNIT_NOUNS
from .names import LEGAL_SUFFIXES, TOKEN_RE, fold, normalise_name, strip_suffixes, wordset
from .text import ascii_sets, plain_ascii

# Company names that are also common English words: matched only when the
# sentence plainly uses them as a name (see `_used_as_name`).
COMMON_WORD_NAMES = wordset(
    """
    grab sea square apple shell target amazon gap next visa oracle match block snap box zoom
    slack stripe compass opendoor wish bird lime beam coda notion figma plaid chime brex
    ramp mercury carrot honey wise revolut monzo sunrise unity twitter meta alphabet sony
    ford fox total eni bp orange three vodafone sky virgin boots halo nest ring blue origin
    rocket lab spark pilot carbon signal canva airtable genesis pioneer premier summit atlas
    apex vista fusion nova matrix horizon united delta frontier spirit alaska jet star tiger
    lion eagle falcon phoenix mobile digital global capital energy power data cloud first
    national general standard pacific atlantic central american western eastern northern
    southern best value safe smart quest gain hope trust key citizens liberty progressive
    """
)

# Words that follow a name used as a company ("Grab said", "Target's shares").
_NAME_CONTEXT_AFTER = wordset(
    """
    s said says has have had is was will would to and or shares stock inc corp co ltd group
    holdings plc chief ceo executives spokesperson spokesman spokeswoman agreed announced
    bought acquired raised invested reported posted plans declined
    """
)

# A capitalised word is a capital and the rest of a word, or a number glued to a word ("3Com").
_AFTER_CAPITAL = r"[\w'&./-]*[\w&]\.?|\.?"
# Possessive: giving digits back never helps (a letter must follow them), and trying
# every split of a long number would cost its length squared.
_AFTER_DIGIT = r"\d*+(?!(?:m|bn|b|k|mn|mln|bln|pct|st|nd|rd|th)\b)[A-Za-z][\w-]*"
_CAP_WORD = rf"(?:[A-Z](?:{_AFTER_CAPITAL})|\d{_AFTER_DIGIT})"
# The same word opening with one character class, so the engine jumps from one
# capital or digit to the next instead of trying every position.
# A number is tried from its first digit only: if it is no name from there, it is
# none from any later digit either (the same letters must follow).
_FIRST_CAP_WORD = rf"[A-Z\d](?:(?<=[A-Z])(?:{_AFTER_CAPITAL})|(?<=\d)(?<!\d\d){_AFTER_DIGIT})"
_CONNECTOR = r"(?:of|de|du|des|la|le|van|von|der|den|y|&|for|del|di|al|and|und|et|e|da|dos|das)"
# Inside a run, a parenthesised place or word belongs to the name: "Industrial Equity (Pacific) Ltd".
_CAP_PAREN = r"\([A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2}\)(?=\s[A-Z])"
# British copy writes "Tesco plc"; a lower-case legal form still ends the name.
_LOWER_SUFFIX = r"(?:plc|inc|corp|co|ltd)(?![\w-])\.?"
# A clipped "and" inside a name: "Dip 'N Dunk Bakeries".
_CAP_CLIPPED = r"'[A-Z](?=\s[A-Z])"
CAP_RUN_RE = re.compile(
    rf"{_FIRST_CAP_WORD}(?:\s(?:{_CONNECTOR}\s)?(?:{_CAP_WORD}|{_CAP_PAREN}|{_CAP_CLIPPED})"
    rf"|\s{_LOWER_SUFFIX})*"
)
# The same runs on `plain_ascii` text, with \w, \d and \s as plain ASCII sets.
_CAP_RUN_ASCII = re.compile(ascii_sets(CAP_RUN_RE.pattern), re.ASCII)

# Capitalised words that start sentences or name places, people's titles, time:
# never company names on their own and stripped from the edges of a run.
PLACE_CAPS = wordset(
    """
    chinese china us u.s america american india indian indonesia indonesian singapore
    singaporean japan japanese korea korean british britain uk u.k europe european german
    germany french france canada canadian australia australian hong kong malaysia malaysian
    vietnam vietnamese thai thailand philippines philippine asia asian african africa
    southeast south north east west new york london tokyo washington beijing shanghai mumbai
    bengaluru bangalore jakarta sydney toronto paris berlin frankfurt sweden swedish dutch
    italian italy spain spanish swiss switzerland brazil brazilian mexico mexican texas
    california ontario quebec scotland scottish irish ireland wall street chicago boston
    los angeles san francisco dallas houston atlanta detroit philadelphia minneapolis denver
    seattle miami ohio florida michigan jersey pennsylvania illinois virginia georgia
    massachusetts connecticut maryland hawaii alberta columbia calgary vancouver montreal
    zurich milan madrid stockholm amsterdam brussels vienna oslo copenhagen helsinki osaka
    seoul taipei manila bangkok kuala lumpur delhi portugal portuguese belgium belgian
    norway norwegian denmark danish finland finnish austria austrian
    ariz ark calif colo conn fla ill kan ky md mich minn mont neb nev n.h n.j n.m n.y n.c
    n.d okla ore pa r.i s.c s.d tenn tex vt va wis w.va wyo utah oregon arizona colorado
    kentucky tennessee alabama louisiana oklahoma kansas nebraska nevada iowa missouri
    wisconsin minnesota indiana carolina dakota
    """
)
# Adverbs that open a sentence ("Instead, X bought Y"): never the first word of a name.
OPENING_ADVERBS = wordset(
    """
    instead nevertheless nonetheless moreover furthermore additionally thus therefore
    accordingly consequently subsequently similarly likewise otherwise hence besides
    """
)
FUNCTION_CAPS = OPENING_ADVERBS | wordset(
    """
    the a an in on at for but and or if as by to of from with its it it's this that these
    those there their they he she we i you our his her after before under over also
    while when where which who what why how however meanwhile separately earlier later
    today yesterday tomorrow last next mr mrs ms dr chairman president chief executive
    officer ceo cfo coo director financier analysts analyst shares share sources source officials
    official spokesman spokeswoman spokesperson company companies reuter reuters monday
    tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct
    nov dec federal state government ministry minister court commission securities exchange
    stock nasdaq nyse terms under according details neither both all some most one two three
    we're we've we'll i'm i've they're you're that's there's
    talks deal dollar dollars yen sterling shareholders investors group holdings inc corp co
    ltd plc llc so such not no yes note qtr net shr revs avg oper investor banker bankers
    """
)
STOP_CAPS = PLACE_CAPS | FUNCTION_CAPS


@dataclass(frozen=True, slots=True)
class CompanyHit:
    """A company found in the text."""

    name: str
    key: str
    matched: str
    count: int
    known: bool
    company_id: int | None


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a (possible) company in a sentence."""

    start: int
    end: int
    surface: str
    name: str
    key: str
    known: bool
    company_id: int | None
    suffixed: bool  # the surface ends in a legal-form word ("Inc", "Ltd")


@dataclass(frozen=True, slots=True)
class _Entry:
    company_id: int | None
    name: str
    key: str
    ambiguous: bool  # this alias is an everyday word
    length: int  # characters in this alias's key, to find where a match starts


class CompanyDictionary:
    """Known companies and aliases, compiled once into an Aho-Corasick automaton.

    Patterns are " key " with spaces on both sides and the text is searched as
    " tok tok tok ", so every match starts and ends on a token boundary.
    """

    __slots__ = ("_automaton", "size")

    def __init__(self, automaton: ahocorasick.Automaton | None, size: int) -> None:
        self._automaton = automaton
        self.size = size

    @classmethod
    def build(cls, entries: Iterable[tuple[int | None, str, Iterable[str]]]) -> CompanyDictionary:
        """Compile (company_id, canonical name, aliases) rows; the first owner of a key wins."""
        automaton = ahocorasick.Automaton()
        canonical_keys: dict[str, str] = {}
        size = 0
        for company_id, name, aliases in entries:
            size += 1
            for form in (name, *aliases):
                key = normalise_name(form)
                if not key or len(key) < 2:
                    continue
                pattern = f" {key} "
                if pattern in automaton:
                    continue
                ambiguous = " " not in key and key in COMMON_WORD_NAMES
                canonical = canonical_keys.get(name)
                if canonical is None:
                    canonical = canonical_keys[name] = normalise_name(name) or key
                automaton.add_word(
                    pattern, _Entry(company_id, name, canonical, ambiguous, len(key))
                )
        if size == 0:
            return cls(None, 0)
        automaton.make_automaton()
        return cls(automaton, size)

    def __len__(self) -> int:
        return self.size

    def find(self, sentence: str, low: str | None = None) -> list[Mention]:
        """Leftmost-longest known names in one sentence, on word boundaries."""
        if self._automaton is None:
            return []
        low = fold(sentence) if low is None else low
        text = _token_text(low)
        if not text or next(self._automaton.iter(text), None) is None:
            return []  # the common case, decided without a Python loop over tokens
        tokens = list(TOKEN_RE.finditer(low))
        parts = [" "]
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        pos = 1
        for i, tok in enumerate(tokens):
            text = tok.group()
            starts[pos] = i
            parts.append(text)
            parts.append(" ")
            pos += len(text)
            ends[pos] = i
            pos += 1
        joined = "".join(parts)
        found: list[tuple[int, int, _Entry]] = []
        for end, entry in self._automaton.iter(joined):
            first = starts.get(end - entry.length)
            last = ends.get(end)
            if first is None or last is None:
                continue
            found.append((first, last, entry))
        if not found:
            return []
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        mentions: list[Mention] = []
        taken = -1
        for first, last, entry in found:
            if first <= taken:
                continue
            # Swallow trailing legal-form words into the surface: "Kroger Co".
            while last + 1 < len(tokens) and tokens[last + 1].group() in LEGAL_SUFFIXES:
                last += 1
            start, end = tokens[first].start(), tokens[last].end()
            if entry.ambiguous and not _used_as_name(sentence, tokens, first, last):
                continue
            suffixed = tokens[last].group() in LEGAL_SUFFIXES
            mentions.append(
                Mention(
                    start,
                    end,
                    sentence[start:end],
                    entry.name,
                    entry.key,
                    True,
                    entry.company_id,
                    suffixed,
                )
            )
            taken = last
        return mentions


# Every byte but an ASCII letter or digit made a space: one bytes.translate
# splits ASCII text into the same tokens as TOKEN_RE, three times faster.
_BLANK_NON_ALNUM = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))


def _token_text(low: str) -> str:
    """The sentence's tokens as " tok tok tok ", the form of the dictionary's patterns."""
    if low.isascii() and "&" not in low:
        words = low.encode().translate(_BLANK_NON_ALNUM).split()
        return f" {b' '.join(words).decode()} " if words else ""
    tokens = TOKEN_RE.findall(low)
    return f" {' '.join(tokens)} " if tokens else ""


def _used_as_name(sentence: str, tokens: list[re.Match[str]], first: int, last: int) -> bool:
    """Whether a common-word company name is written as a name here.

    It must be capitalised in mixed-case text; at the start of a sentence (or
    in an all-caps headline) capitals prove nothing, so the next word has to
    be one that follows company names ("Grab said", "Shell's", "Target Corp").
    """
    start = tokens[first].start()
    surface = sentence[start : tokens[last].end()]
    if not surface[:1].isupper():
        return False
    nxt = tokens[last + 1].group() if last + 1 < len(tokens) else ""
    shouting = sentence.isupper()
    if surface.isupper() and len(surface) > 1 and not shouting:
        return True  # "SEA" written as an acronym inside mixed-case text
    sentence_initial = not sentence[:start].strip(" \"'(")
    if shouting or sentence_initial:
        return nxt in _NAME_CONTEXT_AFTER
    return True


@dataclass(frozen=True, slots=True)
class Candidate:
    """A capitalised run that may name a company nobody entered."""

    start: int
    end: int
    surface: str
    key: str
    suffixed: bool


_POSSESSIVE_END = re.compile(r"['’]s$")
_TRAIL_PUNCT = ".,;:'\"-&"


def find_candidates(sentence: str) -> list[Candidate]:
    """Capitalised runs, split into names and trimmed of sentence starters and places.

    "Harbin Tools Inc's Delmar Castings Co" is two names; "Ostrow Energy
    Inc and Pelham Drilling Corp" is two; "Kaufman and Board Inc" is one;
    "Canadian Worldwide Energy Ltd" keeps its first word because a legal suffix
    shows the whole run is a name, while "Chinese" in "Chinese Tencent" goes.
    """
    if sentence.isupper():
        return []
    candidates: list[Candidate] = []
    cap_runs = _CAP_RUN_ASCII if plain_ascii(sentence) else CAP_RUN_RE
    for m in cap_runs.finditer(sentence):
        run = m.group()
        if " " not in run and _bare(run) in STOP_CAPS:
            continue  # "The", "In", "Monday": the most common runs, never names
        words = run.split(" ")
        if sentence.startswith(",", m.end()) and STATE_AFTER.match(sentence, m.end()):
            words = _without_town(words)
        offsets: list[int] = []
        pos = m.start()
        for word in words:
            offsets.append(pos)
            pos += len(word) + 1
        if run.startswith("Board ") and sentence.endswith("of the ", 0, m.start()):
            # "Chairman of the Board Ann Vole": a person follows the title, no company;
            # "... Board Ann Vole of Tarvin Corp" still names the company after "of".
            cut = words.index("of") + 1 if "of" in words else len(words)
            words, offsets = words[cut:], offsets[cut:]
            if not words:
                continue
        two = (
            " and " in run
            and _PLURAL_AFTER.match(sentence, m.end()) is not None
            # "talks with A and B Inc are under way": the verb is the talks', not the run's.
            and _PREPOSITION_BEFORE.search(sentence, max(0, m.start() - 6), m.start()) is None
        )
        for lo, hi in _segments(words, split_and=two):
            cand = _candidate(words, offsets, lo, hi)
            if cand is not None:
                candidates.append(cand)
    if len(candidates) > 1 and ", " in sentence:
        candidates = _join_comma_firms(sentence, candidates)
        if ("firm " in sentence and _FIRM_WORD.search(sentence)) or (
            " and " in sentence and not sentence[: candidates[0].start].strip(" \"'(")
        ):
            candidates = _join_partner_names(sentence, candidates)
    return candidates


# The word "firm", not the end of "confirm" or "affirm".
_FIRM_WORD = re.compile(r"\bfirm\s")
# One speaker for a run of names: "Baxter, Moody and Quill said it", not "... said they".
_ONE_SPEAKER = re.compile(r"\s+(?:said|says)\s+(?:that\s+)?it\b")
_FIRM_BEFORE = re.compile(r"\bfirm(?:\s+of)?\s+$")


def _partner_surname(cand: Candidate, *, last: bool = False) -> bool:
    """One capitalised surname; the last of a run may carry the firm's legal form."""
    if last and cand.suffixed:
        words = cand.surface.split()
        return len(words) == 2 and words[0].istitle()
    return " " not in cand.surface and cand.surface.istitle() and not cand.suffixed


def _join_partner_names(sentence: str, candidates: list[Candidate]) -> list[Candidate]:
    """After "firm" or "firm of", surnames joined by commas and "and" are one partnership:
    "the law firm of Baxter, Moody and Quill". So are they as the sentence's subject when
    one "it" speaks for them ("Baxter, Moody and Quill said it ..."). Elsewhere such a run
    stays a list."""
    joined: list[Candidate] = []
    i = 0
    while i < len(candidates):
        a = candidates[i]
        j = i
        firm = sentence.endswith(("firm of ", "firm "), 0, a.start) and _FIRM_BEFORE.search(
            sentence, max(0, a.start - 9), a.start
        )
        lead = i == 0 and not firm and not sentence[: a.start].strip(" \"'(")
        if firm or lead:
            while j + 1 < len(candidates):
                b, c = candidates[j], candidates[j + 1]
                gap = sentence[b.end : c.start]
                if not (gap in (", ", " and ", ", and ") and _partner_surname(b)):
                    break
                j += 1
                if gap != ", ":
                    break
        if (
            j > i
            and sentence[candidates[j - 1].end : candidates[j].start] != ", "
            # the last name of the run passes the same checks ("and Quill", "and Quill LLP")
            and _partner_surname(candidates[j], last=True)
            and (firm or _ONE_SPEAKER.match(sentence, candidates[j].end))
        ):
            last = candidates[j]
            keys = [c.key for c in candidates[i : j + 1]]
            key = " ".join(keys[:-1]) + " and " + keys[-1]
            surface = sentence[a.start : last.end]
            joined.append(Candidate(a.start, last.end, surface, key, last.suffixed))
            i = j + 1
            continue
        joined.append(a)
        i += 1
    return joined


# ", Calif.", ", N.J.", ", Ohio": a US state or Canadian province after a town.
STATE_AFTER = re.compile(
    r",\s+(?:(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|"
    r"Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wisc|Wyo|"
    r"N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|R\.I|S\.C|S\.D|W\.Va|D\.C)\."
    r"|(?:Ohio|Texas|Iowa|Utah|Idaho|Maine|Alaska|Hawaii|Ontario|Quebec|Alberta|Manitoba)\b)"
)


def _without_town(words: list[str]) -> list[str]:
    """A run written before ", N.J." may end in its town: "Acme State Bank of Fairview, N.J."
    is the bank of that town, named "Acme State Bank"."""
    for i in range(len(words) - 1, 1, -1):
        if words[i] == "of":
            town = words[i + 1 :]
            if any(_is_name_head(w) or _bare(w) in COMPANY_HEADS for w in town):
                return words  # "Acme Corp of Fairview Industries": still a name
            return words[:i]
    return words


def _join_comma_firms(sentence: str, candidates: list[Candidate]) -> list[Candidate]:
    """A surname, a comma and a suffixed name are one partnership: "Hale, Dorr Capital Corp".

    Only a title-case single word opening its own run joins, and only a short name
    with a legal form follows; a list goes on after it ("Hale, Dorr Corp, ...") and stays apart.
    """
    joined: list[Candidate] = []
    i = 0
    while i < len(candidates):
        a = candidates[i]
        b = candidates[i + 1] if i + 1 < len(candidates) else None
        if (
            b is not None
            and b.suffixed
            and b.start == a.end + 2
            and sentence[a.end] == ","
            and a.surface.istitle()
            and " " not in a.surface
            and a.key not in COMPANY_HEADS
            and len(b.key.split()) <= 3
            and not (a.start and sentence[a.start - 1].isalnum())
            and sentence[max(0, a.start - 3) : a.start].lower() not in ("in ", "at ")
            and not sentence.startswith((",", " and "), b.end)
        ):
            surface = sentence[a.start : b.end]
            joined.append(Candidate(a.start, b.end, surface, f"{a.key} {b.key}", True))
            i += 2
            continue
        joined.append(a)
        i += 1
    return joined


def _is_suffix(word: str) -> bool:
    bare = _bare(word)
    return bare in LEGAL_SUFFIXES or ("." in bare and bare.replace(".", "") in LEGAL_SUFFIXES)


# Last words of names that may contain "and": "Savings and Loan Association".
_NAME_HEADS = wordset(
    """
    association associates bancorp bancshares bank industries partners brothers trust
    foundation sons company companies enterprises resources
    """
)
# Plural trade nouns that end company names after a place: "Oregon Steel Mills"; and
# newspaper titles, which are named after their town: "Denver Herald".
_PLACE_NAME_HEADS = wordset(
    """
    mills stores airlines airways laboratories motors foods chemicals systems communications
    technologies savings bancorporation financial utilities railroad railways pipelines
    power electric telephone gas
    chronicle herald tribune gazette examiner inquirer journal telegraph courier
    """
)
# Everyday words that also begin company names written with their legal form.
_NAME_LEADS = wordset("federal may state bankers investors securities")
_TITLES = wordset("chairman president chief director executive vice treasurer spokesman")
# People who belong to a company, named before "of" and the company: "Directors of X Corp".
_PEOPLE_OF = _TITLES | wordset(
    "directors executives officers managers holders shareholders stockholders employees trustees"
)
_KEEPS_PLACE = LEGAL_SUFFIXES | _NAME_HEADS | _PLACE_NAME_HEADS
# Last words that show a run without a legal form is still a company's full name.
COMPANY_HEADS = _NAME_HEADS | _PLACE_NAME_HEADS
_UNIT_WORDS = frozenset(UNIT_NOUNS) | wordset("operations business businesses")
# A run is cut at "of" after these: a unit names a company of its own, people none.
_CUT_BEFORE_OF = _UNIT_WORDS | _PEOPLE_OF


def _owner_word(word: str) -> bool:
    bare = _bare(word)
    return _is_suffix(word) or bare in _NAME_HEADS or bare in PLACE_CAPS


def _is_name_head(word: str) -> bool:
    return _bare(word) in LEGAL_SUFFIXES or _bare(word) in _NAME_HEADS


def _of_america(words: list[str], i: int) -> bool:
    return i + 1 < len(words) and _bare(words[i + 1]) == "america"


# "A and B Inc said they ...": a plural verb shows the run names two parties.
_PREPOSITION_BEFORE = re.compile(r"\b(?:with|of|for|to|by|from|in|on|at)\s+$")
_PLURAL_AFTER = re.compile(
    r"\s*(?:<[^>]*>\s*)?,?\s*(?:who\s+(?:are|were|have|had)|said\s+they|say\s+they|have|are|were|"
    r"jointly|both)\b"
)


def _of_place_suffix(words: list[str], i: int) -> bool:
    """Whether "of" starts a place and a legal form: "Acme Corp of Canada Ltd" is one name."""
    j = i + 1
    while j < len(words) and _bare(words[j]) in PLACE_CAPS:
        j += 1
    return i + 1 < j < len(words) and _is_suffix(words[j])


def _of_in_name(words: list[str], i: int) -> bool:
    """Whether the "of" at i belongs to the name: "Dynamics Corp of America", "Acme Corp of
    Canada Ltd"."""
    return _of_america(words, i) or _of_place_suffix(words, i)


def _segments(words: list[str], *, split_and: bool = False) -> list[tuple[int, int]]:
    """Cut a capitalised run where one name ends and another begins.

    `split_and` (a plural verb follows: the run names two parties) cuts at every "and".
    Where an "and" after a legal form already shows where the parties meet, another "and"
    stays inside a name only next to a trade word that names join with "and", with no
    legal form before it in its name ("Tarvin Group Plc and Westmere Savings and Loan
    Association said they ..."); "Tarvin Inc and Corbett and Hale Ltd said they" stays
    three parties.
    """
    met = split_and and any(
        w.lower() == "and" and i > 0 and _is_suffix(words[i - 1]) for i, w in enumerate(words)
    )
    segments: list[tuple[int, int]] = []
    lo = 0
    for i, word in enumerate(words):
        low = word.lower()
        if low.endswith("-based"):
            lo = i + 1  # "Los Angeles-based Rogers": the place goes with its suffix
        elif i > lo and _bare(word) in _TITLES and _is_suffix(words[i - 1]):
            segments.append((lo, i))  # "Ostrow Tool Co Chairman J.B. Marsh": a person follows
            lo = len(words)
            break
        elif (
            low.endswith(("'s", "’s"))
            and i + 1 < len(words)
            and (
                _owner_word(word)
                # "Hale Valley's Tessaly Pipeline Co": a two-word owner, then a suffixed name
                or (i > lo and any(_is_suffix(w) for w in words[i + 2 : i + 6]))
            )
        ):
            # "Harbin Tools Inc's Delmar Co" is two names; "Scott's Hospitality Inc" is one.
            segments.append((lo, i + 1))
            lo = i + 1
        elif (
            low in ("and", "of", "und", "et")
            and i > lo
            and _is_suffix(words[i - 1])
            and not (low == "of" and _of_in_name(words, i))
        ):
            segments.append((lo, i))
            lo = i + 1
        elif low == "of" and i > lo and (before := _bare(words[i - 1])) in _CUT_BEFORE_OF:
            if before in _UNIT_WORDS:
                segments.append((lo, i))  # "Sensor Products Division of Tarvin-Hale Corp"
            lo = i + 1  # "Board of Directors of Halvern Corp": the people are no name
        elif (
            low == "of"
            and i + 1 < len(words)
            and _bare(words[i + 1]) in PLACE_CAPS
            and not _of_in_name(words, i)
            and i - lo > 1  # "Bank of New York": one word alone is not the name
        ):
            segments.append((lo, i))  # "Compagnie des Forges Verlaine of France"
            lo = len(words)
            break
        elif low == "and" and all(_bare(w) in PLACE_CAPS for w in words[lo:i]):
            if i == lo + 1 and _national_and_name(words, i):
                continue  # "Nordic and Overseas Trading Plc": the adjective opens the name
            lo = i + 1  # "... Inc of New York and Corbett Alarm Inc": the place ends a name
        elif low == "and":
            rest_suffixed = any(_is_name_head(w) for w in words[i + 1 : i + 5])
            near = {_bare(w) for w in words[i - 1 : i + 2 : 2]}
            joined = not split_and or (met and not near.isdisjoint(COMPANY_HEADS))
            if not joined or not rest_suffixed or any(_is_suffix(w) for w in words[lo:i]):
                segments.append((lo, i))
                lo = i + 1
    if lo < len(words):
        segments.append((lo, len(words)))
    return segments


def _national_and_name(words: list[str], i: int) -> bool:
    """A nationality word, "and", and a name with a legal form after it: one company."""
    return _bare(words[i - 1]).endswith(("ish", "ian", "ch", "ese", "can")) and any(
        _is_suffix(w) for w in words[i + 1 : i + 5]
    )


def _candidate(words: list[str], offsets: list[int], lo: int, hi: int) -> Candidate | None:
    first = lo
    suffixed_run: bool | None = None
    while lo < hi:
        bare = _bare(words[lo])
        if bare in FUNCTION_CAPS:
            if (
                lo == first
                and bare in _NAME_LEADS
                and any(_is_suffix(w) for w in words[lo + 1 : hi])
            ):
                break  # "Federal Resources Corp", "May Department Stores Co"
            lo += 1
            continue
        if bare not in PLACE_CAPS:
            break
        if suffixed_run is None:
            # "American National Bank", "Canadian Worldwide Energy Ltd": a legal suffix
            # or a name head shows the place word belongs to the name.
            suffixed_run = any(_bare(w) in _KEEPS_PLACE for w in words[first + 1 : hi])
        if suffixed_run and not words[lo].endswith("'s"):
            break
        lo += 1
    lead_kept = False
    if first < lo and all(_is_suffix(w) for w in words[lo:hi]):
        # "Reuters Holdings PLC": a legal form after an everyday word shows it is the name.
        j = lo - 1
        while j > first and _is_suffix(words[j]):
            j -= 1
        if hi - j > 1 and not _is_suffix(words[j]) and _bare(words[j]) not in _GRAMMAR_CAPS:
            lo, lead_kept = j, True
    # "Bank of New York": a single word before "of" and a place is the whole name.
    bank_of_place = (
        hi - lo > 2
        and words[lo + 1] == "of"
        and _bare(words[lo]) not in STOP_CAPS
        and all(_bare(w) in PLACE_CAPS for w in words[lo + 2 : hi])
    )
    while (
        not bank_of_place
        and hi > lo
        and _bare(words[hi - 1]) in STOP_CAPS
        and not _is_suffix(words[hi - 1])
        and not (hi - lo > 2 and words[hi - 2] == "of" and _of_america(words, hi - 2))
    ):
        hi -= 1
    while hi > lo and words[hi - 1].lower() in _CONNECTOR_WORDS:
        hi -= 1
    if lo >= hi:
        return None
    start = offsets[lo]
    surface = " ".join(words[lo:hi]).rstrip(_TRAIL_PUNCT)
    if "s" in surface[-2:]:  # the possessive's "s" ends the surface, or stands before "\n"
        surface = _POSSESSIVE_END.sub("", surface)
    if len(surface) < 2:
        return None
    tokens = TOKEN_RE.findall(fold(surface))
    if not tokens:
        return None
    suffixed = len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES
    key = " ".join(strip_suffixes(tokens))
    if (key in STOP_CAPS and not lead_kept) or key.replace(" ", "") in LEGAL_SUFFIXES:
        return None
    return Candidate(start, start + len(surface), surface, key, suffixed)


# Capitalised function words that never open a name, even before a legal form.
_GRAMMAR_CAPS = OPENING_ADVERBS | wordset(
    """
    the a an in on at for but and or if as by to of from with its it this that these those
    there their they he she we i you our his her after before under over also while when
    where which who what why how however meanwhile separately earlier later
    """
)
_CONNECTOR_WORDS = frozenset({"of", "de", "&", "and", "for", "la", "y", "und", "et"})


# The same few hundred words are bared again and again: in each run, and once per check.
@functools.lru_cache(maxsize=4096)
def _bare(word: str) -> str:
    w = word.lower().rstrip(".,;:")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    return w
