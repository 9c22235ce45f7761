"""Money amounts in story text: "$200m", "Rs 1,500 crore", wire style "N mln dlrs".

A deal's value has to be told apart from the other amounts a story quotes
(revenue, assets, a valuation, a price per share), so `find_money` returns every
amount with its span and a role read from the words around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .text import Caseless, word_automaton

# USD per unit of currency. Approximate and deliberately configurable: callers
# pass their own table through `fx=` (the desk's settings) when it matters.
# Pre-euro currencies are kept at their fixed euro conversion rates because
# archive newswire quotes them.
DEFAULT_FX_TO_USD: dict[str, Decimal] = {
    "USD": Decimal("1"),
    "EUR": Decimal("1.08"),
    "GBP": Decimal("1.27"),
    "JPY": Decimal("0.0067"),
    "CNY": Decimal("0.138"),
    "HKD": Decimal("0.128"),
    "SGD": Decimal("0.74"),
    "INR": Decimal("0.012"),
    "IDR": Decimal("0.000063"),
    "MYR": Decimal("0.21"),
    "THB": Decimal("0.028"),
    "PHP": Decimal("0.018"),
    "VND": Decimal("0.00004"),
    "KRW": Decimal("0.00075"),
    "TWD": Decimal("0.031"),
    "AUD": Decimal("0.66"),
    "NZD": Decimal("0.60"),
    "CAD": Decimal("0.73"),
    "CHF": Decimal("1.12"),
    "SEK": Decimal("0.095"),
    "NOK": Decimal("0.093"),
    "DKK": Decimal("0.145"),
    "ZAR": Decimal("0.054"),
    "BRL": Decimal("0.20"),
    "MXN": Decimal("0.058"),
    "AED": Decimal("0.27"),
    "SAR": Decimal("0.27"),
    "DEM": Decimal("0.552"),
    "FRF": Decimal("0.165"),
    "NLG": Decimal("0.49"),
    "ITL": Decimal("0.000558"),
    "BEF": Decimal("0.0268"),
    "ESP": Decimal("0.0065"),
}


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount in its own currency, and in USD when the FX table knows it."""

    value: Decimal
    currency: str
    usd: Decimal | None


@dataclass(frozen=True, slots=True)
class MoneyMention:
    """An amount found in a sentence, where it is, and what it most likely measures."""

    amount: Amount
    start: int
    end: int
    role: str  # "deal", "valuation", "per_share" or "other" (revenue, assets, profit...)


_PREFIX_CURRENCY = {
    "us$": "USD",
    "u.s.$": "USD",
    "$": "USD",
    "usd": "USD",
    "s$": "SGD",
    "sgd": "SGD",
    "hk$": "HKD",
    "hkd": "HKD",
    "c$": "CAD",
    "cad": "CAD",
    "a$": "AUD",
    "aud": "AUD",
    "nz$": "NZD",
    "nzd": "NZD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "rmb": "CNY",
    "cny": "CNY",
    "idr": "IDR",
    "rp": "IDR",
    "rp.": "IDR",
    "myr": "MYR",
    "rm": "MYR",
    "chf": "CHF",
}

_SUFFIX_CURRENCY = {
    "stg": "GBP",
    "sterling": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "yen": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "rupiah": "IDR",
    "yuan": "CNY",
    "renminbi": "CNY",
    "euro": "EUR",
    "euros": "EUR",
    "ringgit": "MYR",
    "baht": "THB",
    "won": "KRW",
    "pesos": "PHP",
    "guilders": "NLG",
    "lire": "ITL",
    "marks": "DEM",
    "francs": "FRF",
    "swiss francs": "CHF",
    "french francs": "FRF",
    "belgian francs": "BEF",
    "crowns": "SEK",
    "kronor": "SEK",
    "krona": "SEK",
    "rand": "ZAR",
    "pesetas": "ESP",
}

_DOLLAR_QUALIFIER = {
    "": "USD",
    "u.s.": "USD",
    "us": "USD",
    "american": "USD",
    "canadian": "CAD",
    "australian": "AUD",
    "hong kong": "HKD",
    "h.k.": "HKD",
    "n.z.": "NZD",
    "new zealand": "NZD",
    "singapore": "SGD",
    "taiwan": "TWD",
    "malaysian": "MYR",
}

_SCALE = {
    "k": Decimal(10) ** 3,
    "thousand": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "millions": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "billions": Decimal(10) ** 9,
    "tn": Decimal(10) ** 12,
    "trillion": Decimal(10) ** 12,
    "lakh": Decimal(10) ** 5,
    "lakhs": Decimal(10) ** 5,
    "crore": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7,
    "cr": Decimal(10) ** 7,
}

_WORD_NUMBERS = {
    "half a": Decimal("0.5"),  # "half a billion dlrs"
    "half an": Decimal("0.5"),
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}

# The wire writes fractions whole: "8-1/2 mln dlrs", "2 1/4 billion" (a mixed number first).
_NUM = r"\d+[\s-]\d/\d{1,2}(?![\d/])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MIXED = re.compile(r"(\d+)[\s-](\d)/(\d{1,2})")
_WORDNUM = "|".join(w.replace(" ", r"\s") for w in sorted(_WORD_NUMBERS, key=len, reverse=True))
_SCALE_WORDS = r"trillion|billions?|millions?|thousand|crores?|lakhs?|mln|bln|bn|tn|mn|cr|[mbk]"
_PREFIX = r"US\$|U\.S\.\s?\$|S\$|HK\$|C\$|A\$|NZ\$|\$|€|£|¥|₹|Rs\.?|INR|RMB|CNY|USD|EUR|GBP|JPY|SGD|HKD|CAD|AUD|NZD|IDR|Rp\.?|MYR|RM|CHF"
_DOLLAR_WORDS = r"(?:(?:U\.S\.|US|American|Canadian|Australian|Hong\sKong|H\.K\.|N\.Z\.|New\sZealand|Singapore|Taiwan|Malaysian)\s)?(?:dlrs?|dollars?)"
# MONEY_RE is verbose: a space inside a currency's name must be written as \s
# ("Belgian francs", "Hong Kong dollars"), or the regex reads "belgianfrancs".
_SUFFIX_WORDS = "|".join(
    w.replace(" ", r"\s") for w in sorted(_SUFFIX_CURRENCY, key=len, reverse=True)
)

# "$200m", "Rs 1,500 crore": a currency sign or code before the number.
_PREFIXED = rf"""
    (?P<pre>{_PREFIX})\s?(?P<pnum>{_NUM})(?:\s?(?P<pscale>(?i:{_SCALE_WORDS}))\b)?
    (?:\s(?P<pdlr>(?i:dlrs?|dollars?)\b))?
"""
# "5 mln dlrs", "two billion yen": a currency word after the number.
_CURRENCY_WORD = rf"(?i:{_DOLLAR_WORDS}|{_SUFFIX_WORDS})"
_WORDED = rf"""
    (?P<num>{_NUM}|(?i:{_WORDNUM}))(?:[\s-](?P<scale>(?i:{_SCALE_WORDS}))\b)?\s
    (?P<cur>{_CURRENCY_WORD})\b
"""
MONEY_RE = re.compile(rf"(?:{_PREFIXED}|{_WORDED})", re.VERBOSE)
# The two alternatives of MONEY_RE apart: the first starts with a literal, so
# the regex engine skips ahead to a currency sign by itself; the second runs
# only when a currency word is there at all (see `_money_matches`).
_PREFIXED_RE = re.compile(_PREFIXED, re.VERBOSE)
_WORDED_RE = re.compile(_WORDED, re.VERBOSE)
_CURRENCY_WORD_RE = re.compile(rf"\s{_CURRENCY_WORD}\b", re.VERBOSE)

_VALUATION_BEFORE = re.compile(
    r"(?:valuation of|valuing (?:it|the \w+|\w+) at|valued (?:it|the company|the firm|the startup) at|"
    r"post-money|pre-money|market (?:value|capitalisation|capitalization|cap) of)\s*(?:about |around |"
    r"nearly |more than |over |some |roughly |up to )?$",
    re.IGNORECASE,
)
_VALUATION_AFTER = re.compile(r"^\s*(?:valuation|post-money|pre-money)", re.IGNORECASE)
# A reporting period between a measure and its figure: "turnover in fiscal 1999 of",
# "sales during the 2001 first half were", "profit in March of". Month names are
# spelt out whole: a prefix alone also took "market", "decline", "separately".
_PERIOD_CORE = (
    r"(?:last|this|latest|past|fiscal|calendar|financial|year|years|ended|ending|quarter|half|"
    r"first|second|third|fourth|six|nine|three|twelve|months?|period|\d{4},?|\d{1,2},?|"
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?|may)"
)
_PERIOD = (
    r"(?:\s+(?:(?:in|for|during|at)\s+)?(?:the\s+)?(?:end\s+of\s+)?"
    rf"{_PERIOD_CORE}(?:\s+{_PERIOD_CORE}){{0,5}})?"
)
_HEDGE = (
    r"(?:about |around |nearly |almost |approximately |more than |less than |over |under |"
    r"just (?:over|under) |well (?:over|above) |some |roughly |in excess of |greater than |"
    r"an estimated |a record |up to )?"
)
_OTHER_BEFORE = re.compile(
    r"(?:revenues?|sales|turnover|assets|profits?|earnings|income|loss(?:es)?|debt|deposits|"
    r"capital(?:isation|ization)?|budget|spending|exports?|imports?|"
    r"dividends?|net|ebitda|cash\s+flows?|costs|capex|reserves|equity of|worth of \w+|book value|par value|"
    r"net worth|tangible assets|(?:stockholders|shareholders)'?\s+equity|pre-?tax profits?|"
    r"operating (?:income|profit)|earned|line of credit|credit line|tax credits worth|mortgage|"
    r"financing|lend(?:s|ing)?\s+(?:it|them|\w+)|loans?(?:\s+to\s+\w+)?|offering\s+price|"
    r"(?:closed|traded|trading|opened)(?:\s+\w+){0,2}\s+at|market price of|current price of)"
    # "turnover in fiscal 1999 of": a period between the measure and its figure.
    rf"{_PERIOD}"
    r"\s+(?:of |to |from |at |was |were |is |are |rose to |fell to |totalled |totaled |"
    r"totaling |totalling |amounting to |reached |stood at |climbed to |by |"
    r"(?:declin|decreas)(?:e|es|ed|ing) (?:to |by |of )?)?"
    rf"{_HEDGE}$",
    re.IGNORECASE,
)
# "lost 34 mln dlrs", "a gain of", "up from 200 mln dlrs": a result or an earlier
# figure. Apart from _OTHER_BEFORE, whose one alternation these words would slow.
_RESULT_BEFORE = re.compile(
    r"\b(?:lost|losing|gains?\s+of|charges?\s+of|write-?(?:off|down)s?\s+of|fees\s+of|"
    r"savings\s+of|deficit\s+of|receivables\s+of|carry-?forwards?\s+of|"
    r"(?:up|down)\s+from|compared\s+(?:with|to))\s+"
    rf"{_HEDGE}$",
    re.IGNORECASE,
)
# Up to three words qualifying the noun after an amount ("a $7m five-year bridge
# loan"); a function word ends them ("sold for $9m to a company its managers own").
_ADJECTIVES = (
    r"(?:(?!(?:by|for|and|or|of|to|from|in|on|at|with|a|an|the|its|their)\b)[\w-]+\s+){0,3}"
)
_OTHER_AFTER = re.compile(
    r"^\s*(?:in (?:annual |yearly |total |net )?(?:revenues?|sales|turnover|assets|profits?|"
    r"deposits|earnings|losses|debt|cash\s+flows?)|(?:of |in )?(?:annual )?(?:revenues?|sales|turnover|assets|"
    r"net (?:income|profit|loss))|a year in|annually|per year|loss|"
    r"(?:of|in)\s+(?!cash\b)(?:[\w-]+\s+){0,3}(?:debentures|notes|bonds|debt|indebtedness|financing|"
    r"loans?|mortgage|advances|credit|damages)\b|"
    # "12 mln dlrs more than the rival bid", "paid 2 mln dlrs as a reimbursement".
    r"(?:more|less)\s+than\b|as\s+(?:a\s+)?(?:reimbursement|fee|dividend|refund)\b|"
    # "a 9 billion dlr asset lender"; "drew 40 mln dlrs under a credit line".
    r"-?asset\b|(?:pursuant\s+to|under)\s+(?:a|an|its|the)\s+(?:[\w-]+\s+)?(?:credit|loan|financing)\b|"
    r"from\s+(?:(?:a|an|its|the)\s+)?(?:[\w-]+\s+)?(?:offering|issue|loan)s?\b|"
    r"(?:[\w-]+\s+){0,2}(?:mortgage|line of credit|credit line)\b|"
    # "an $80m standby credit facility", "a $6bn regional bank holding company": money
    # lent, owed or won, or the size of a company, never what a deal pays.
    rf"{_ADJECTIVES}(?:(?:loan|credit|loan\s+(?:facility|agreement)|financing|fund|"
    r"lawsuit|suit|fee|charge|write-?(?:off|down)|gain|profit|loss)s?|company|corporation|"
    r"concern|firm|conglomerate|organi[sz]ation|enterprise|institution|business|chain|maker|"
    r"producer|manufacturer|retailer|insurer|thrift|utility)\b"
    r"(?!\s+(?:takeover|acquisition|merger|deal|purchase|buyout|bid|offer)\b))",
    re.IGNORECASE,
)
_PER_SHARE_AFTER = re.compile(
    r"^\s*(?:(?:cash\s+|in\s+cash\s+)?(?:a|per|for each|each)\s+(?:\w+\s+)?"
    r"(?:share|unit|ordinary|common|barrel|tonne|ton|ounce)|(?:cash\s+)?each\b|-a-share)",
    re.IGNORECASE,
)
# A sum under this with no scale word ("26 dlrs", "$18.50") is a price, not a deal's value.
_PRICE_CEILING = Decimal(1000)


def _to_decimal(number: str) -> Decimal | None:
    word = _WORD_NUMBERS.get(" ".join(number.lower().split()))
    if word is not None:
        return Decimal(word)
    mixed = _MIXED.fullmatch(number)
    if mixed is not None:
        whole, num, den = (int(g) for g in mixed.groups())
        return Decimal(whole) + Decimal(num) / Decimal(den) if 0 < num < den else None
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None


def _usd(value: Decimal, currency: str, fx: Mapping[str, Decimal] | None) -> Decimal | None:
    rate = (fx if fx is not None else DEFAULT_FX_TO_USD).get(currency)
    if rate is None:
        return None
    return (value * Decimal(rate)).quantize(Decimal(1))


def _amount(m: re.Match[str], fx: Mapping[str, Decimal] | None) -> Amount | None:
    if m.re is _PREFIXED_RE or (m.re is MONEY_RE and m.group("pre")):
        prefix = re.sub(r"\s", "", m.group("pre")).lower()
        currency = _PREFIX_CURRENCY.get(prefix)
        number, scale = m.group("pnum"), m.group("pscale")
    else:
        number, scale = m.group("num"), m.group("scale")
        if scale is None and " ".join(number.lower().split()) in _WORD_NUMBERS:
            return None  # "two dollars" is never a deal size worth reporting
        cur = m.group("cur").lower()
        if cur.endswith(("dlr", "dlrs", "dollar", "dollars")):
            qualifier = cur.rsplit(" ", 1)[0] if " " in cur else ""
            currency = _DOLLAR_QUALIFIER.get(qualifier, "USD")
        else:
            currency = _SUFFIX_CURRENCY.get(cur)
    if currency is None:
        return None
    value = _to_decimal(number)
    if value is None:
        return None
    if scale:
        key = scale.lower()
        # "$1.5B" / "$5M": one upper-case letter is a scale; "Rs 5 m" is ambiguous but rare.
        value *= _SCALE.get(key, Decimal(1))
    if value.adjusted() > 18:  # no deal is worth 10^19: a digit run, and past Decimal's precision
        return None
    value = value.normalize() if value == value.to_integral() else value
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value
    return Amount(value=value, currency=currency, usd=_usd(value, currency, fx))


def _valuation_before(before: str) -> bool:
    """`_VALUATION_BEFORE.search(before)`, skipped when none of its words' stems is there."""
    if before.isascii():  # elsewhere case folding may match what lower-casing keeps apart
        low = before.lower()
        if "valu" not in low and "money" not in low and "market" not in low:
            return False
    return _VALUATION_BEFORE.search(before) is not None


_OTHER_BEFORE_FAST = Caseless(_OTHER_BEFORE)
_RESULT_BEFORE_FAST = Caseless(_RESULT_BEFORE)


def _role(sentence: str, start: int, end: int, amount: Amount | None = None) -> str:
    before = sentence[max(0, start - 60) : start]
    after = sentence[end : end + 40]
    if (amount is not None and amount.value < _PRICE_CEILING) or _PER_SHARE_AFTER.match(after):
        return "per_share"
    if _valuation_before(before) or _VALUATION_AFTER.match(after):
        return "valuation"
    if (
        _OTHER_BEFORE_FAST.search(before)
        or _OTHER_AFTER.match(after)
        or _RESULT_BEFORE_FAST.search(before[-32:])
    ):
        return "other"
    return "deal"


# Stems of every currency MONEY_RE knows; one Aho-Corasick pass over the
# lower-cased sentence decides whether the costly regex needs to run at all.
_HINT_STEMS = (
    "$",
    "€",
    "£",
    "¥",
    "₹",
    "rs",
    "inr",
    "rmb",
    "cny",
    "usd",
    "eur",
    "gbp",
    "jpy",
    "sgd",
    "hkd",
    "cad",
    "aud",
    "nzd",
    "idr",
    "rp",
    "myr",
    "rm",
    "chf",
    "dlr",
    "dollar",
    "stg",
    "sterling",
    "pound",
    "yen",
    "rupee",
    "rupiah",
    "yuan",
    "renminbi",
    "ringgit",
    "baht",
    "won",
    "peso",
    "guilder",
    "lire",
    "mark",
    "franc",
    "crown",
    "kron",
    "rand",
    "peseta",
)


_HINT = word_automaton((stem, stem) for stem in _HINT_STEMS)
# For each currency word MONEY_RE knows after a number, its longest stem above:
# every such word holds one of these (the regex is verbose, so it reads
# "pounds sterling" as "poundssterling").
_WORD_STEMS = frozenset(
    max((stem for stem in _HINT_STEMS if stem in word), key=len)
    for word in (*(w.replace(" ", "") for w in _SUFFIX_CURRENCY), "dlr", "dollar")
)


# "45 dlrs a share, or about 2.6 billion in all": a bare scaled number after an
# amount in the same sentence is in that amount's currency.
_BARE_SCALED = re.compile(
    rf"\b(?:total\s+of|or|and|to|from|of)\s+(?:about\s+|around\s+|some\s+|nearly\s+)?"
    rf"(?P<num>{_NUM})\s(?P<scale>(?i:trillion|billion|million|mln|bln|bn))"
    rf"(?=\s*(?:[.,;)]|$|\s(?:if|in|and|or|for|to|from|plus|with|including|cash)\b))"
)


_SCALE_HINT = re.compile(r"\d (?:trillion|billion|million|mln|bln|bn)\b", re.I)


def _money_matches(sentence: str, word_stems: list[int] | None = None) -> Iterator[re.Match[str]]:
    """The matches of `MONEY_RE.finditer(sentence)`, from its two alternatives run apart.

    At each position the first alternative wins, as in the one regex. The
    first starts with a literal, so the regex engine skips ahead to a currency
    sign by itself; the second is searched for only near a currency word:
    `word_stems` lists where the stems of currency words start (see
    `find_money`), None when they are not known.
    """
    prefixed = _PREFIXED_RE.search(sentence)
    worded = _worded_search(sentence, 0, word_stems)
    while prefixed is not None or worded is not None:
        if worded is None or (prefixed is not None and prefixed.start() <= worded.start()):
            m = prefixed
        else:
            m = worded
        assert m is not None
        yield m
        end = m.end()
        if prefixed is not None and prefixed.start() < end:
            prefixed = _PREFIXED_RE.search(sentence, end)
        if worded is not None and worded.start() < end:
            worded = _worded_search(sentence, end, word_stems)


def _worded_search(sentence: str, pos: int, word_stems: list[int] | None) -> re.Match[str] | None:
    """`_WORDED_RE.search(sentence, pos)`, started a few words before the next currency word."""
    if word_stems is None:
        return _WORDED_RE.search(sentence, pos) if _CURRENCY_WORD_RE.search(sentence, pos) else None
    i = bisect.bisect_left(word_stems, pos)
    if i == len(word_stems):
        return None
    # A match has at most four whitespace characters before its currency word's
    # stem ("5 mln Hong Kong dlrs"), so it starts after the fifth one back.
    lo = word_stems[i]
    spaces = 0
    while lo > pos:
        if sentence[lo - 1].isspace():
            spaces += 1
            if spaces == 5:
                break
        lo -= 1
    return _WORDED_RE.search(sentence, lo)


def find_money(sentence: str, fx: Mapping[str, Decimal] | None = None) -> list[MoneyMention]:
    """Every amount in a sentence, in order, each with the role its context gives it."""
    mentions: list[MoneyMention] = []
    hints = list(_HINT.iter(sentence.lower()))
    if not hints:
        return mentions
    word_stems = None
    if sentence.isascii():  # then the lower-cased text has the sentence's offsets
        word_stems = sorted(end + 1 - len(stem) for end, stem in hints if stem in _WORD_STEMS)
    for m in _money_matches(sentence, word_stems):
        amount = _amount(m, fx)
        if amount is not None:
            mentions.append(
                MoneyMention(
                    amount,
                    m.start(),
                    m.end(),
                    _role(sentence, m.start(), m.end(), amount),
                )
            )
    if mentions and len(mentions) < len(_SCALE_HINT.findall(sentence, mentions[0].end)) + 1:
        for m in _BARE_SCALED.finditer(sentence, mentions[0].end):
            start, end = m.start("num"), m.end()
            if any(x.start < end and start < x.end for x in mentions):
                continue
            currency = next(x for x in reversed(mentions) if x.start < start).amount.currency
            value = _to_decimal(m.group("num"))
            if value is None:
                continue
            value *= _SCALE[m.group("scale").lower()]
            if value.adjusted() > 18:  # a digit run, not money (as in _amount)
                continue
            value = value.quantize(Decimal(1)) if value == value.to_integral() else value
            amount = Amount(value, currency, _usd(value, currency, fx))
            mentions.append(MoneyMention(amount, start, end, _role(sentence, start, end, amount)))
        mentions.sort(key=lambda x: x.start)
    return mentions


def parse_money(text: str, fx: Mapping[str, Decimal] | None = None) -> Amount | None:
    """The first money amount in `text`, or None ("Rs 1,500 crore" -> 15000000000 INR)."""
    for m in MONEY_RE.finditer(text):
        amount = _amount(m, fx)
        if amount is not None:
            return amount
    return None
