"""From one sentence and the companies in it to deal signals.

A cue (see `cues`) says a deal is reported; the companies around it take the
cue's roles, the stage words in its clause set the stage, and a denial or a
negation in front of it cancels it. Each candidate carries the features the
optional learned model (`model`) scores, so the desk's decisions can re-rank
exactly what the rules propose.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .companies import FUNCTION_CAPS, PLACE_CAPS, STATE_AFTER
from .cues import (
    KIND_WORDS,
    NOT_DEAL_TALKS,
    NOT_YET_OWNED,
    RESULTS_CONTEXT,
    STAGE_AFTER,
    STAGE_BEFORE,
    STRONG_DENIAL,
    UNIT_NOUN,
    WEAK_NEGATION,
    Cue,
    cue_matches,
)
from .money import Amount, MoneyMention
from .names import wordset
from .text import Caseless

ROLES = (
    "acquirer",
    "target",
    "seller",
    "investor",
    "lead_investor",
    "investee",
    "partner",
    "issuer",
    "lender",
    "borrower",
    "adviser",
)


@dataclass(frozen=True, slots=True)
class Party:
    """A company taking part in a deal, in one role."""

    name: str
    key: str
    role: str
    company_id: int | None


@dataclass(frozen=True, slots=True)
class DealSignal:
    """One deal a story reports, with the sentence that says so."""

    kind: str
    stage: str
    parties: tuple[Party, ...]
    amount: Amount | None
    stake_pct: Decimal | None
    valuation: Amount | None
    evidence: str
    confidence: float
    attribution: str
    attributed_to: str
    headline: bool
    # What changes hands when it is not a named company: "cable television business".
    asset: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A company as the story refers to it: its canonical name and how sure we are."""

    name: str
    key: str
    known: bool
    company_id: int | None
    strong: bool  # known, carries a legal suffix, or introduced as a company


@dataclass(frozen=True, slots=True)
class Span:
    """An entity's occurrence in a sentence."""

    start: int
    end: int
    entity: Entity


@dataclass(slots=True)
class Candidate:
    """A proposed deal signal before merging and thresholding; `features` feed the model."""

    kind: str
    stage: str
    parties: list[Party]
    amount: Amount | None
    stake_pct: Decimal | None
    valuation: Amount | None
    evidence: str
    confidence: float
    headline: bool
    story: int
    sentence_index: int
    features: list[str] = field(default_factory=list)
    asset: str | None = None


_LEAD_APPOSITIVE = re.compile(
    r"\s*(?:\([^)]{1,12}\)\s*)?,\s+(?:a|an|the|wholly|majority|partly|which|who|itself|formerly|"
    r"one|its|owned|parent|controlled|held|backed|led|based)\b[^;]{0,140}?,\s+(?!and\b|or\b|inc\b|ltd\b|corp\b|co\b)[a-z]"
)
# Shares handed in to a bid: "5 pct of X have been tendered", headline "40 PCT OF X TENDERED",
# "accepts 54 pct of X shares in tender".
_TENDERED = re.compile(
    r"\b(?:(?:were|was|have\s+been|had\s+been|has\s+been)\s+)?tendered\b"
    r"|\bin\s+(?:the\s+|its\s+|a\s+)?tender(?:\s+offer)?\b",
    re.I,
)
_MERGER_INTO = re.compile(r"\s+into\s+(?:the\s+)?", re.I)
_UNNAMED_UNIT_INTO = re.compile(
    r"(?P<unit>(?:an?\s+(?:unnamed\s+|undisclosed\s+|[a-z-]+\s+){0,2}|one\s+of\s+(?:its|their)\s+|"
    r"(?:its|their)\s+(?:[a-z-]+\s+){0,3}?)"
    rf"(?:{UNIT_NOUN}|subsidiaries|units|divisions|affiliates|business|operations))\s+into\s+(?:the\s+)?"
)
_MERGED_INTO = re.compile(rf"(?:\s+{UNIT_NOUN})?\s*,?\s+into\s+(?:the\s+)?", re.I)
_TO_BETWEEN = re.compile(r"\s+to\s+")
_AGREEMENT_NOUNS = r"agreement|agreements|agreed|deal|accord|pact|contract|arrangement|intent"
_AGREED_WITH = re.compile(rf"\b(?:{_AGREEMENT_NOUNS})\s+with\s+(?:the\s+)?$")
# Talks as well as agreements: "in talks with Y about the purchase of Z".
_TALKS_WITH = re.compile(
    rf"\b(?:talks|discussions|negotiations|negotiating|{_AGREEMENT_NOUNS})\s+with\s+(?:the\s+)?$"
)
_ABOUT_BETWEEN = re.compile(
    r"\s+(?:about|concerning|regarding|on|over|for|covering)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:possible\s+|proposed\s+|potential\s+|planned\s+)?"
)
_PRICE_PER_SHARE = re.compile(
    r"(?:\b(?:dlrs?|cts|cents|pence|p|stg|marks|francs|yen)|(?<=\d)p)\s+per\s+share\b"
)
# "the merger of X and Y", "... of X with Y", "... of X into Y".
_PAIR_JOIN = re.compile(r"\s*(and|&|with|into)\s+(?:the\s+)?")
_THE_COMPANY = re.compile(
    r"\s*(?:(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:position|interest|stake|holding)\s+in\s+|"
    r"(?:full\s+|majority\s+)?control\s+of\s+|all\s+of\s+)?the\s+(?:company|firm|bank)\b"
    r"(?!\s*(?:'s|’s|of\b|that\b|which\b))",
    re.I,
)
_PASSIVE_CUES = frozenset({"acq_passive", "acq_passive_done"})
# "it" as the one bought, not an indirect object: "agreed to buy it a new plant".
_IT_OBJECT = re.compile(
    r"\s+it\b(?!\s*(?:'s|back|is|was|has|had|will|would|and|or|to|from|in|out|a|an|the|\d)"
    r"\b)",
    re.I,
)
_UNNAMED_ACTOR = re.compile(
    r"\s*,?\s+(?:said|says)\s+(?:that\s+)?"
    # "X said it was contacted by some firm keen on buying its unit": an unnamed actor too
    r"(?:it\s+(?:has\s+been|had\s+been|was|is\s+being)\s+(?:approached|contacted)\s+by\s+)?"
    r"(?:an?|one|two|several|some)\s+(?:[a-z-]+\s+){0,3}?"
    r"(?:groups?|investors?|company|companies|firms?|buyers?|bidders?|concerns?|partnership|consortium|parties)\b"
    r"[a-z\s-]{0,40}"
)
# "issued N shares to Y to complete the purchase": Y is the one paid, not the buyer.
_PAID_TO = re.compile(r"\b(?:shares|stock|dlrs|cash)\s+to\s+(?:the\s+)?$", re.I)
_TO_COMPLETE = re.compile(
    r"\s*,?\s+(?:to\s+(?:complete|pay\s+for|finance|fund)|as\s+(?:payment|consideration)|"
    r"in\s+(?:payment|exchange|return))\b",
    re.I,
)
_ITS_AHEAD = re.compile(r"\s+(?:all\s+(?:of\s+)?)?its\s")
# An aside between a deal verb and its object: "agreed to sell, in separate transactions,
# its two plants", "acquired, through its Dutch unit, Acme BV", "sold, for 12 mln stg, its
# hotels". The object starts after it.
_VERB_ASIDE = re.compile(
    r"\s*,\s+(?:in\s+(?:(?:two|three|several|separate|a|an|one|related|unrelated|cash|stock)\s+)*"
    r"(?:transactions?|deals?|steps?|stages?)|subject\s+to\s+[^,;.]{1,50}|"
    r"(?:through|via)\s+[^,;.]{1,40}|for\s+(?:about\s+|some\s+|nearly\s+)?(?:US\$|C\$|\$|£|€|\d)[^,;]{1,40}|"
    r"pending\s+[^,;.]{1,40})\s*,\s+",
    re.I,
)
_ASIDE_CUES = frozenset({"acq", "acq3", "acq_done", "sell", "sold"})
_ADVISER_GAP = re.compile(
    r"\s+to\s+(?:help|assist|advise)\s+(?:it|them|the\s+company)\s+(?:to\s+|in\s+|on\s+)?"
)
_CLAUSE_BREAK = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b")
_PAIR_GAP = re.compile(
    r"^\s*(?:,|and\b|&|,\s*and\b)\s*(?:[\w.'-]+\s+){0,3}$"
    # "X said it and Y agreed to merge": "it" is X, so X and Y are the pair; so in
    # "X said its board and the board of Y approved an agreement to merge".
    r"|^\s*,?\s*(?:said|says|announced)\s+(?:that\s+)?(?:it|its\s+(?:board|shareholders|directors))"
    r"\s+and\s+(?:the\s+(?:board|shareholders|directors)\s+of\s+|those\s+of\s+)?$"
)
_OBJECT_GAP_STOP = re.compile(
    r"\b(?:like|such|including|than|as|which|that|who|and|or|but|while|because|said|says|after|"
    r"before|from|when|if|to|at|on|with|by)\b|[,;:()]"
)
_PRONOUN = re.compile(
    r"\b(?:it|its|the\s+company|the\s+firm|the\s+group|the\s+bank|we|they|he|she)\b", re.I
)
_POSSESSIVE_BEFORE = re.compile(r"(?:\b(?:its|their|his|her)|'s)\s+(?:[\w-]+\s+){0,2}$", re.I)
_LAST_YEAR = re.compile(
    r"\b(?:last\s+year|earlier\s+this\s+year|in\s+\d{4}|previous|prior|recent)'?s?\s*[\w\s-]{0,30}$",
    re.I,
)
_AND_SAID = re.compile(r"\band\s+said\s+(?:that\s+)?(?:it|they|he|she)\b")
_UNIT_OF = re.compile(
    rf"^\s*(?:'s\s+)?(?:{UNIT_NOUN}|business|operations)\s+(?:of|from)\s+$",
    re.I,
)
# The gap in "Y, a wholly owned subsidiary of X", "Y, the cement unit of X": X owns Y,
# so X sells when Y is bought (and pipeline reads the story's parents with it).
SUBSIDIARY_OF = re.compile(
    rf"\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{UNIT_NOUN}\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
_UNIT_END = re.compile(r"\b(?:division|unit|subsidiary|operations|business)$", re.I)
# The seller named after what is bought, other than "from X": "from its parent, X",
# "Y, now owned by X", "Y that was sold to it by X", "by paying 12 mln dlrs to X".
_SOLD_BY_OWNER = re.compile(
    r"^(?:[^;.]|\.(?=[,\d])){0,50}?\bfrom\s+(?:its|their)\s+(?:parent|owner)(?:\s+company)?\s*,?\s+(?:the\s+)?$"
    r"|^\s*,\s+(?:now\s+|currently\s+)?(?:wholly[\s-])?owned\s+by\s+(?:the\s+)?$"
    r"|^\s*,?\s+(?:that|which)\s+(?:was|were|had\s+been|has\s+been)\s+sold\s+to\s+(?:it|them)\s+by\s+(?:the\s+)?$"
    r"|^(?:[^;.]|\.(?=[,\d])){0,60}?\b(?:by\s+)?(?P<paying>paying)\s+(?:[^;.]|\.\d){1,40}?\bto\s+"
    r"(?:the\s+)?$",
    re.I,
)
# Money paid that buys nothing from the payee: "paying 9 mln dlrs in advisory fees to Y",
# "paying a premium to Y shareholders" (the holders, not Y, are paid).
_PAID_NOT_FOR_IT = re.compile(
    r"\b(?:fees?|commissions?|premiums?|expenses|costs|dividends?|royalt(?:y|ies))\b", re.I
)
_HOLDERS_AFTER = re.compile(
    r"(?:'s?)?\s+(?:share|stock|note|bond|debenture|unit)?holders\b"
    r"|\s*,\s+(?:its|their)\s+(?:financial\s+|investment\s+)?(?:advis[eo]rs?|bankers?|counsel)\b",
    re.I,
)


def _sold_by_owner(sentence: str, gap: str, seller: Span) -> bool:
    """ "from its parent, X", "Y, now owned by X", "by paying 12 mln dlrs to X": X sells."""
    owner = _SOLD_BY_OWNER.match(gap)
    if owner is None or owner.group("paying") is None:
        return owner is not None
    return not (_PAID_NOT_FOR_IT.search(gap) or _HOLDERS_AFTER.match(sentence, seller.end))


# A full stop only ends the clause when it is not an abbreviation's ("Fla., branch").
_FROM = re.compile(r"^(?:[^;.]|\.(?=,)){0,50}?\bfrom\s+(?:the\s+)?$", re.I)
_TO = re.compile(
    r"^(?:[^;.]|\.(?=,)){0,60}?\bto\s+(?:the\s+)?(?:newly[\s-]formed\s+|[A-Za-z.-]+-based\s+|[a-z-]+\s+){0,2}$"
    r"|^[^;.]{0,90}?\bto\s+(?:a|an)\s+(?:[\w.'-]+\s+){0,4}?(?:firm|company|concern|group|"
    r"partnership|investor|maker|bank|unit|subsidiary|affiliate),\s+$"
)
# "Exxon Corp unit Esso Australia Ltd": the unit named after its parent is the party.
_UNIT_AFTER = re.compile(rf"\s+{UNIT_NOUN}\s+$")
_UNIT_SOLD = re.compile(rf"\s{UNIT_NOUN}s?\s+$", re.I)


def _unit_named(spans: list[Span], span: Span, sentence: str) -> Span:
    """The unit a parent's name introduces ("Exxon Corp unit Esso"), else the span itself."""
    for nxt in spans:
        if nxt.start > span.end:
            if _UNIT_AFTER.fullmatch(sentence, span.end, nxt.start):
                return nxt
            break
    return span


_BUYER_FOR = re.compile(r"s?\s+for\s+(?:the\s+)?", re.I)
# "X retained Y to seek a buyer", "X will retain Y to ...": Y is hired to act for X.
_RETAINED_BEFORE = re.compile(
    r"\b(?:retain(?:s|ed|ing)?|hir(?:e[sd]?|ing)|engag(?:e[sd]?|ing)|appoint(?:s|ed|ing)?|"
    r"nam(?:e[sd]?|ing))\s+(?:the\s+)?$",
    re.I,
)
_BY = re.compile(r"^[^;.]{0,40}?\bby\s+$", re.I)
_BY_AFTER = re.compile(r"\s+by\s+", re.I)
# "acquired by an investor group (led by Y)": a buyer the story leaves unnamed, but for
# whoever leads it.
_UNNAMED_GROUP_BY = re.compile(
    r"\s*(?:an?|one|some|several)\s+(?:(?:new|newly[\s-]formed|private|unnamed|undisclosed|"
    r"management|investor|investment|buyout)\s+){0,3}"
    r"(?:groups?|investors|consortium|partnership)(?:\s+of\s+(?:[a-z-]+\s+)?investors)?\b"
    r"(?:,?\s+(?:led|headed|organi[sz]ed|formed)\s+by\s+)?"
)
# What may stand between the company and "be acquired by an investor group" for the
# company itself to be bought: its ticker, an aside, "said it", auxiliaries. "its notes
# were", "the X Tower office building was", "X's headquarters will be" sell no company.
_PASSIVE_SELF_GAP = re.compile(
    r"\s*(?:<[^>]*>\s*)?(?:\([^)]*\)\s*)?(?:,[^,;]{0,80},\s*)?"
    r"(?:(?:said|says|announced|disclosed|confirmed|reported)\s+(?:that\s+)?)?"
    r"(?:(?:it|which|that|the\s+(?:company|firm|group|bank|concern))\s+)?"
    r"(?:(?:has|have|had|will|would|could|may|might|shall|should|can|must|is|was|be|been|"
    r"also|now|soon|not|to|agreed|agrees|expects?|expected|plans?|planned|intends?|"
    r"definitively|tentatively|formally|previously|already|in\s+turn)\s+)*",
    re.I,
)
_OF_BEFORE = re.compile(r"\b(?:of|in|for)\s+(?:the\s+)?$", re.I)
_LED_BY = re.compile(r"\b(?:led|co-led)\s+by\s+$", re.I)
_PLACE_UNIT = re.compile(
    r"'s\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:unit|arm|business|operations|division|subsidiary)\b"
)
# "%" has no word boundary after it when a space follows ("a 9.8% stake"), so it stands
# outside the \b the words need.
_PCT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:(?:pct|percent|per\s+cent)\b|%)", re.I)
_DEAL_AMOUNT_CONTEXT = re.compile(
    r"\b(?:price|paid|pay|pays|paying|for|worth|valued|value|values|consideration|cash|transaction|"
    r"deal|cost|total\s+of|receive|received|realized|realised|offer|offered|bid|capitalises|"
    r"capitalizes|includes|included|sum\s+of|payment\s+of)\b[^.;]{0,30}$",
    re.I,
)
_DEAL_AMOUNT_AFTER = re.compile(
    r"^\s*(?:in\s+cash|cash|in\s+(?:a\s+)?(?:stock|cash)|payable|worth\s+of|"
    r"(?:[\w-]+\s+)?(?:offer|bid|transaction|deal|acquisition|purchase|takeover|merger))\b",
    re.I,
)


_VALUES_AT = re.compile(
    r"\b(?:values?|valuing)\b(?:[^.;]|(?<=\d)\.(?=\d)){0,140}\bat\s+(?:about\s+|around\s+)?$", re.I
)


def _deal_context(sentence: str, mention: MoneyMention) -> bool:
    before = sentence[max(0, mention.start - 60) : mention.start]
    return bool(
        _DEAL_AMOUNT_CONTEXT.search(before)
        or _VALUES_AT.search(sentence, max(0, mention.start - 160), mention.start)
        or _DEAL_AMOUNT_AFTER.match(sentence, mention.end, mention.end + 40)
    )


_NOMINAL_CUES = frozenset(
    {
        "acq_of",
        "sale_of",
        "acq_noun",
        "merger_noun",
        "stake",
        "stake_pct",
        "pct_of",
        "shares_of",
    }
)
_RESULTS_CUES = _NOMINAL_CUES | {"acq_of", "acq_noun", "acq_done"}


def _investment_noun(cue: Cue, m: re.Match[str]) -> bool:
    """ "its investment in X" is a holding, read as history in a results sentence like "sale of"."""
    return cue.name == "invest" and m.group().lower() == "investment"


_ASSET_CUES = frozenset({"acq", "acq3", "acq_done", "sell", "sold", "sale_of", "acq_of", "pay_for"})
# After an unnamed asset ("sell its foods unit to Y", "buy five stores from Y"): the other side.
_ASSET_BUYER = re.compile(r"^[^;.]{0,90}?\bto\s+(?:the\s+)?$", re.I)
_ASSET_SELLER = re.compile(r"^[^;.]{0,90}?\b(?:from|of)\s+(?:the\s+)?$", re.I)
# A part of a company's holdings that changes hands: its unit, plant, stores, stake.
_PART_NOUN = (
    r"(?:unit|units|subsidiary|subsidiaries|division|divisions|assets|business|businesses|operations|"
    r"plant|plants|mill|mills|stores|branch|branches|properties|affiliates?|departments?|"
    r"chain|newspapers?|stations?|brokerage|interests?|operation|franchise|franchises|hotels?|"
    r"hospitals?|restaurants?|facilit(?:y|ies)|centers?|centres?|outlets?|shops?|mines?|"
    r"refiner(?:y|ies)|terminals?|brands?|magazines?|publications?|product\s+lines?)"
)
_ASSET_NP = re.compile(
    r"\s*(?:its|the|a|an|their|his|certain|all|part\s+of|some|two|three)?\s*(?:[\w-]+\s+){0,4}?"
    rf"(?:{_PART_NOUN}|firm|company|companies|bank|banks|concern)\b"
    r"|\s*(?:its|their|the)\s+(?:[\w-]+\s+){1,3}?(?:group|products\s+group)\b",
    re.I,
)
# "Y agreed to buy its textile unit", "its 20 pct stake in Z": a part of the speaker's own.
# Not "its products", "its shares", "its largest competitor, Z": goods, stock, or a company.
_ITS_PART_AHEAD = re.compile(
    r"\s+(?:all\s+(?:of\s+)?)?its\s+(?:[\w.'-]+\s+){0,5}?"
    rf"(?:{_PART_NOUN}|{UNIT_NOUN}s?|stake|holding|shareholding)\b",
    re.I,
)
# "sold a plant, its delivery contracts and the other assets of the unit to Y": a seller's list
# of what it sold runs longer than one noun phrase; only the buyer after "to" is kept.
_SOLD_ASSETS_TO = re.compile(
    r"\s+(?:[\w,-]+\s+){1,12}?(?:assets|properties|operations|interests)\s(?:[^;.]|\.(?=,)){0,40}?"
    r"\bto\s+(?:the\s+)?$",
    re.I,
)


def _pct_stake_of(lead: str, kinds: str) -> re.Pattern[str]:
    """ "<lead> N pct [<kind> interest|stake] of|in": a share, what it is a share of ahead."""
    return re.compile(
        rf"\s+{lead}\d+(?:\.\d+)?\s*(?:pct|%|percent|per\s+cent)\s+"
        rf"(?:(?:{kinds})?(?:interest|stake)\s+)?(?:of|in)(?=\s)",
        re.I,
    )


# "sell 55 pct of its timber holdings", "buy a 60 pct interest in a plastics maker": a share
# of an unnamed asset; the asset itself follows the percentage.
_PCT_OF_ASSET = _pct_stake_of(r"(?:the\s+|an?\s+)?(?:remaining\s+)?", r"equity\s+|working\s+")
_OF_ITS = re.compile(r"\s+(?:and\s+[\w-]+\s+)?of\s+(?=its\s|their\s)", re.I)
# "the sale of its 35.5 pct interest in Y": the seller's own share.
_OWN_PCT_OF = _pct_stake_of(r"(?:its|their|the\s+company's)\s+", r"equity\s+")
_ASSET_LEAD = re.compile(r"^\s*(?:(?:its|the|a|an|their|his|her)\s+)+", re.I)
# An asset worth naming says what it is ("coffee roasting plant"); "the company",
# "certain assets", "a 50 pct interest" only say that something is sold.
_VAGUE_ASSET_HEADS = wordset(
    "company companies firm concern interest interests assets subsidiary subsidiaries unit units "
    "affiliate stake business businesses operations"
)
_VAGUE_ASSET_WORDS = wordset(
    "pct percent substantially certain all some part for of its controlling"
)


def _pct_of_asset(sentence: str, end: int, spans: list[Span]) -> int:
    """Where the unnamed asset starts after "N pct of" (0 when no share of an asset follows)."""
    pct = _PCT_OF_ASSET.match(sentence, end)
    asset = _ASSET_NP.match(sentence, pct.end()) if pct is not None else None
    if asset is None or any(pct.end() < sp.start < asset.end() for sp in spans):
        return 0  # "80 pct of the ailing X Bank" is a share of a named company
    return pct.end() if _asset_name(asset.group()) is not None else 0


# Trades whose plant is a "works": "its dye works", "the town's gas works".
_WORKS_TRADES = "dye iron steel gas glass brick chemical engineering paper water paint copper tin"
_PHYSICAL_ASSETS = (
    r"plants?|mills?|branch(?:es)?|stores|fields?|blocks?|propert(?:y|ies)|mines?|"
    r"refiner(?:y|ies)|terminals?|hotels?|casinos?|hospitals?|restaurants?|facilit(?:y|ies)|"
    r"systems?|stations?|factor(?:y|ies)|foundr(?:y|ies)|shipyards?|smelters?|warehouses?|"
    r"brewer(?:y|ies)|"
    # "its dye works": "works" is a plant only after a trade ("Tellis Robotics works with").
    + "works(?:"  # the literal first, so most positions fail before any lookbehind
    + "|".join(f"(?<=\\b{trade} works)" for trade in _WORKS_TRADES.split())
    + ")"
)
_ASSET_WORD = r"(?!(?:to|from|for|of|in|at|by|with|on|said|says|and|or|its|the|a|an)\b)[a-z][\w-]*"
# A physical asset a name only qualifies: "its Fresno bottling plant", "three Baltic Shelf blocks".
_NAMED_ASSET_AFTER = re.compile(
    r"(?:\s*,(?:\s+[A-Z][\w.]*){1,3}\s*,)?"
    rf"(?:\s+{_ASSET_WORD}(?:\s+and\s+[a-z][\w-]*)?){{0,4}}?\s+(?:{_PHYSICAL_ASSETS})\b"
)
# One the company owns: "buy X's cement plants", whose seller is X.
_OWNED_ASSET = re.compile(
    rf"(?:'s|')\s+((?:{_ASSET_WORD}\s+(?:and\s+[a-z][\w-]*\s+)?){{1,3}}?(?:{_PHYSICAL_ASSETS}))\b"
)
_CAPS_WORD = re.compile(r"\b([A-Z][\w.-]*)\s+(?=(?:[A-Z][\w.-]*\s+)*$)")
# A part of a company it owns, said by what it does: "buy X's textile machinery division",
# "the insurance operations of X". X sells; the part, not X, changes hands.
_PART_WORDS = (
    r"(?:(?!(?:entire|whole|own|remaining|total|said|to|from|for|of|in|and|or)\b)[\w-]+\s+){1,3}?"
)
_PART_HEAD = rf"(?:{UNIT_NOUN}|business|operations)"
_OWNED_PART = re.compile(rf"(?:'s|’s)\s+({_PART_WORDS}{_PART_HEAD})\b(?!\s*,?\s+[A-Z])")
_PART_OF = re.compile(rf"\s*the\s+({_PART_WORDS}{_PART_HEAD})\s+of\s+(?:the\s+)?$", re.I)
# "all of X's operations" is X itself; "control of X's unit" comes with control of X.
_ALL_OF_BEFORE = re.compile(r"\b(?:all\s+(?:of\s+)?(?:the\s+)?|control\s+of\s+)$", re.I)


def _named_asset(sentence: str, obj: Span, parts: bool = False) -> tuple[str, int, bool] | None:
    """The asset a name qualifies or owns, where it ends, and whether the name owns it.

    With `parts` (a purchase, not money put in), a described part of the company counts:
    "buy X's textile division"; "X's China unit" stays a unit named by its place.
    """
    owned = _OWNED_ASSET.match(sentence, obj.end)
    if owned is not None:
        return owned.group(1), owned.end(), True
    part = _OWNED_PART.match(sentence, obj.end) if parts else None
    if (
        part is not None
        and not _PLACE_UNIT.match(sentence, obj.end)
        and not _ALL_OF_BEFORE.search(sentence, max(0, obj.start - 12), obj.start)
    ):
        return part.group(1), part.end(), True
    part = _PART_OF.search(sentence, max(0, obj.start - 60), obj.start) if parts else None
    if part is not None:
        return part.group(1), obj.end, True
    if obj.entity.strong:
        return None
    m = _NAMED_ASSET_AFTER.match(sentence, obj.end)
    if m is None:
        return None
    start = obj.start
    # "three Baltic Shelf blocks": a place word the name finder left off belongs to the name.
    for word in _CAPS_WORD.finditer(sentence, max(0, obj.start - 30), obj.start):
        if word.group(1).lower().rstrip(".") not in FUNCTION_CAPS:
            start = word.start()
            break
    return sentence[start : m.end()], m.end(), False


def _asset_name(phrase: str) -> str | None:
    words = _ASSET_LEAD.sub("", phrase).split()
    if len(words) < 2 or (words[-1].lower() in _VAGUE_ASSET_HEADS and len(words) < 3):
        return None
    if any(w.lower() in _VAGUE_ASSET_WORDS for w in words):
        return None
    return " ".join(words)


_HOLDING_VERB = re.compile(
    r"\b(?:own|owns|owned|hold|holds|held|holding|has|have|had|acquire|acquires|acquired|buy|buys|"
    r"acquisition|acquiring|buying|gets|got|"
    r"bought|purchase|purchases|purchased|raised|increased|lifted|boosted|cut|reduced|sold|sell|control|controls|"
    r"take|took|taking|with|or|raising|increasing|lifting|boosting|holdings|ownership)\b",
    re.I,
)
# A holding disclosed as it stands ("still owns", "currently holds") reports no purchase.
_STILL_HOLDS = re.compile(r"\b(?:still|currently)\s+(?:owns?|holds?)\b", re.I)
_DEBT_TALK = re.compile(r"\b(?:debts?|loans?|creditors?|lenders?|banks|repay\w*)\b", re.I)
_STOCK_AFTER = re.compile(r"(?:\s*<[^>]*>)?(?:'s)?\s+(?:common\s+)?(?:stock|shares)\b", re.I)
_MACRO_INVESTOR = re.compile(
    r"\b(?:government|state|public|foreign|federal|overseas|inward|outward)\s+$", re.I
)
_DEAL_VERB_BEFORE = re.compile(
    r"\b(?:complet(?:ed|es|ing)|agreed\s+to|agrees\s+to|signed|closed|finali[sz]ed|"
    r"(?:to\s+)?(?:boost|increase|raise|lift)(?:s|ed)?)\s+(?:the\s+|its\s+|a\s+)?"
    r"(?:previously\s+announced\s+|proposed\s+|planned\s+|pending\s+)?$",
    re.I,
)
_SHARE_COUNT = re.compile(
    r"\s+(?:about\s+|some\s+|another\s+|an\s+additional\s+)?\d[\d,.]*\s+(?:mln\s+|million\s+)?<?",
    re.I,
)
# "BUYS 500,000 ACME <ACM> SHARES": the ticker may stand between the name and "shares".
_SHARES_AFTER = re.compile(
    r">?(?:\s*<[^>]{1,12}>)?\s+(?:common\s+|ordinary\s+|class\s+\w\s+)?shares\b", re.I
)
_STAKE_AHEAD = re.compile(
    r"[^;]{0,40}?\b(?:pct|percent|per\s+cent|stake)\b|\s*\d[\d.]*\s*%"
    r"|\s+(?:an?\s+)?(?:equity\s+position|equity\s+interest|minority\s+interest)\s+in\b"
    r"|[^;]{0,15}?\d[\d,.]*\s+(?:mln\s+|million\s+)?(?:[a-z<>.&'-]+\s+){0,3}?shares\b",
    re.I,
)
_PAIR_KINDS = {"partnership", "merger"}
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s[^;]*$")
_ITS_BEFORE = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)
_SAID_BETWEEN = re.compile(r"\b(?:said|says|announced|reported)\b")
_OWN_AHEAD = re.compile(r"\s+its\s+own\b", re.I)
_OWNED_STAKE = re.compile(
    r"(?:'s|’s)\s+(?:entire\s+|whole\s+)?(?:\d+(?:\.\d+)?\s*(?:pct|%|percent|per\s+cent)\s+)?"
    r"(?:(?:equity|minority|majority|controlling|common|voting)\s+)?"
    r"(?:stake|interest|holding|shareholding)\s+in\s+(?:the\s+)?",
    re.I,
)
# "Y agreed to buy its (25 pct) stake": the nearer subject buys what "its" owns.
_BUYS_ITS = re.compile(
    r"\s*(?:<[^>]*>\s*)?(?:(?:has|have|had|will|would|is|are|was|agreed|agrees|plans?|intends?|"
    r"offered|proposed|expects?|to|also|now)\s+)*(?:buy|buys|bought|buying|acquire|acquires|"
    r"acquired|acquiring|purchase|purchases|purchased|purchasing|take\s+over|took\s+over)\s+"
    r"(?:all\s+(?:of\s+)?)?(?:its|their)\s+(?:entire\s+|remaining\s+)?$",
    re.I,
)
_SPEAKER_SAID = re.compile(r"\s*(?:<[^>]*>\s*)?(?:said|says|announced)\s+(?:that\s+)?")
_OWNED_UNIT = re.compile(
    r"(?:'s|’s)\s+(?:(?:wholly[\s-]owned|majority[\s-]owned|listed|[A-Z][\w-]*|[a-z-]+)\s+){0,4}?"
    rf"(?:{UNIT_NOUN}\s*,?\s+)?"
)
_STAKE_CUES = frozenset({"stake", "stake_pct", "pct_of", "shares_of", "stake_noun"})
_REDUCING = re.compile(
    r"\b(?:sold|sell|sells|selling|reduced|reduces|reducing|reduction\s+(?:of|in)|lowered|lowers|"
    r"lowering|cut|cuts|cutting|trimmed|trims|decreased|decreases|disposed\s+of|divested)\b",
    re.I,
)
# "the acquisition of the company by Y": the story's subject is the target.
_SELF_BY = re.compile(r"\s+(?:the\s+company|the\s+firm|the\s+bank|itself|it)\s+by\s+", re.I)
_PRE_TARGET_CUES = frozenset({"acq_noun", "merger_noun", "stake_noun", "suitor", "holder_list"})
_BID_CUES = frozenset({"acq_bid", "bid_for", "bid_from", "bid_received", "price_bid"})
_OWN_SHARES = re.compile(
    r"\s*(?:for\s+)?(?:all\s+(?:of\s+)?|the\s+remaining\s+|any\s+and\s+all\s+)?(?:its|their|the\s+(?:company|bank|firm|group|concern)'s)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:shares|stock|common)\b",
    re.I,
)
# Verbs of the side that receives a bid: "X rejects / is studying / got the offer".
_TARGET_SIDE = re.compile(
    r"\b(?:reject(?:s|ed|ing)?|stud(?:y|ies|ying|ied)|gets|got|receiv(?:e|es|ed|ing)|weigh(?:s|ing)?|"
    r"consider(?:s|ed|ing)?|urg(?:e|es|ed|ing)|oppos(?:e|es|ed|ing)|spurn(?:s|ed)?|review(?:s|ed|ing)?|"
    r"evaluat(?:e|es|ed|ing)|accept(?:s|ed|ing)?|response\s+to)\b",
    re.I,
)
# "weighing the offers which it received": the subject is the one bid for.
_RECEIVED_AFTER = re.compile(
    r"\s+(?:that|which)\s+(?:it|the\s+(?:company|firm|bank|group))\s+(?:has\s+|had\s+)?received\b"
)
_TAKEOVER_NOUN = re.compile(
    r"(?:tender|takeover|buyout|merger|acquisition|hostile|unsolicited)\s", re.I
)
# Offers and tenders that are not for a company: paper, money, goods, wages.
_NOT_TAKEOVER_OFFER = re.compile(
    r"\b(?:exchange|share|public|rights|issuer|repurchase|market|treasury|certificate|bond|note|"
    r"debt|export|import|eep|bonus|contract|wage|final|price|shelf|intervention)['\s]+$",
    re.I,
)
# What an offer is for when it is not a company, named right before the noun: labour
# ("pay raise offer", "contract proposal"), a share or rights issue, a lawsuit's settlement,
# a central bank's money-market operation ("opens a repo tender for banks").
_LABOUR_OR_ISSUE_OFFER = re.compile(
    r"\b(?:pay|wage|raise|salary|contract|labou?r|union|severance|retirement|bonus|"
    r"public|rights|settlement|import|export|repo|repurchase|liquidity|money\s+market)\s+"
    r"(?:offers?|proposals?|bids?|tenders?)\b",
    re.I,
)
_ADJECTIVE_BEFORE = re.compile(
    r"\b(?:its|their|the|a|an|his|her|our)\s+(?:newly|recently|just)[\s-]+$", re.I
)
_INJECTED_MONEY = re.compile(
    r"(?:[^.;]|\.\d){0,50}?(?:\d|\$|\b(?:capital|funds|cash|money|equity|mln|billion)\b)", re.I
)
# "ministers bid to save the accord": the verb, not a bid.
_VERB_USE = re.compile(r"\s+to\s+[a-z]", re.I)
# A year, maybe after a month or "early"/"late"/"mid": "1986", "early 1986", "March 1986".
_YEAR = (
    r"(?:(?:early|late|mid-?)\s*)?(?:(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)"
    r"[a-z]*\.?,?\s+)?(?:19|20)\d\d\b"
)
_PAST_DATE = re.compile(
    rf"\b(?:in|since|during)\s+{_YEAR}|\blast\s+(?:month|year)\b|\byears?\s+ago\b",
    re.I,
)
# "UNIT COMPLETES PURCHASE", "MAKES BUY": the deal verb's form read as a noun.
_NOUN_USE = re.compile(
    r"\b(?:complet(?:e|es|ed|ing)|makes?|made|clos(?:e|es|ed)|finish(?:es|ed)?|sets?)\s+"
    r"(?:(?:the|its|an?)\s+)?$",
    re.I,
)
_RELATIVE_BEFORE = re.compile(r",\s+(?:which|who)\s[^,;]{3,120},(?=\s+(?:[\w-]+\s+){0,3}$)", re.I)
_ITS_RIGHT_BEFORE = re.compile(r"\bits\s+(?:[a-z]+\s+)?$")
_SELF_OBJECT = re.compile(
    r"\s*the\s+(?:company|firm|concern)(?:'s\s+(?:[\w-]+\s+){0,3}?(?:shares|stock|common|capital)\b"
    r"|\b(?!'|\s+(?:of|in|and|or)\b))",
    re.I,
)
# "the acquisition of X Inc in March 1986": a short object, then the date it happened.
_DATED_OBJECT = re.compile(rf"[^,;.]{{1,50}}?\bin\s+{_YEAR}", re.I)
_SHARE_ISSUE = re.compile(r"\b(?:offering|issue|issued|issuing|underwriters?|new\s+shares)\b", re.I)
_FROM_BIDDER = re.compile(r"\b(?:from|by)\s+", re.I)
_TICKER = re.compile(r"<[^>]*>")


# Searched through their lower-case twins on ASCII windows: the same matches, faster.
_STAGE_BEFORE_FAST = Caseless(STAGE_BEFORE)
_STRONG_DENIAL_FAST = Caseless(STRONG_DENIAL)
_RESULTS_CONTEXT_FAST = Caseless(RESULTS_CONTEXT)
_KIND_WORDS_FAST = Caseless(KIND_WORDS)
_NOT_DEAL_TALKS_FAST = Caseless(NOT_DEAL_TALKS)
_HOLDING_VERB_FAST = Caseless(_HOLDING_VERB)


def _literal_words(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words of a case-sensitive alternation of plain words ("x|\\by\\b"); else None."""
    words = tuple(alt.replace(r"\b", "") for alt in regex.pattern.split("|"))
    if regex.flags & re.IGNORECASE or any(not w or set(w) & set("\\.^$*+?{}[]()") for w in words):
        return None
    return words


# Every clause break is one of these words: most windows hold none, and skip the regex.
_CLAUSE_WORDS = _literal_words(_CLAUSE_BREAK)


def _clause_start(sentence: str, pos: int, limit: int = 160) -> int:
    lo = max(0, pos - limit)
    last = lo
    if _CLAUSE_WORDS is not None and all(sentence.find(w, lo, pos) < 0 for w in _CLAUSE_WORDS):
        return last
    for m in _CLAUSE_BREAK.finditer(sentence, lo, pos):
        last = m.end()
    return last


# "the stake (that) it holds", "shares they owned": a holding verb in a relative clause
# describes the thing held; it reports no deal completed.
_HELD_BY_IT = re.compile(
    r"\b(?:stake|interest|holdings?|shareholding|shares|stock)\s+(?:that\s+|which\s+)?"
    r"(?:it|they)\s+(?:now\s+|currently\s+|already\s+)?$",
    re.I,
)


def _stage_from_context(
    sentence: str, cue_start: int, cue_end: int, clause: int
) -> tuple[str | None, str]:
    """Stage words around a cue: (stage or None, modifier name for the model)."""
    window = sentence[max(clause, cue_start - 70) : cue_start]
    nearest = None
    called_off = None
    for m in _STAGE_BEFORE_FAST.finditer(window):
        if m.lastgroup == "completed" and _HELD_BY_IT.search(window, 0, m.start()):
            continue  # "a stake it holds in X will be sold": "holds" describes the stake
        nearest = m
        if m.lastgroup == "called_off" and len(window) - m.end() <= 50:
            called_off = m
    after = STAGE_AFTER.match(sentence, cue_end)
    if after and after.lastgroup == "called_off":
        return "called_off", "after_called_off"
    if called_off is not None:
        # "scrapped its plan to acquire", "ended talks to buy": the ending governs the rest.
        return "called_off", "before_called_off"
    if nearest is not None:
        return nearest.lastgroup, f"before_{nearest.lastgroup}"
    if after:
        return after.lastgroup, f"after_{after.lastgroup}"
    return None, "none"


def _negated(sentence: str, cue_start: int, clause: int) -> bool:
    window = sentence[max(clause, cue_start - 120) : cue_start]
    if _STRONG_DENIAL_FAST.search(window) or STRONG_DENIAL.match(sentence, cue_start):
        return True
    near = sentence[max(clause, cue_start - 18) : cue_start]
    if _DEFERRED.search(sentence, max(clause, cue_start - 40), cue_start):
        return False  # "took no action on the bid": the bid stands, the board only waits
    return WEAK_NEGATION.search(_TICKER.sub(" ", near)) is not None  # "<NOR>" is a ticker


_DEFERRED = re.compile(
    r"\bno\s+(?:action|decision|recommendation|position)\s+(?:yet\s+)?(?:on|regarding|about)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+|any\s+|two\s+|both\s+)?(?:[\w<>.-]+\s+){0,5}$",
    re.I,
)


_UNIT_GAP = re.compile(
    r"^\s*(?:(?:one|two|three|some|all|both|part|each)\s+of\s+)?(?:its|the|their)\s+[^;:()]{0,60}?"
    r"\b(?:units?|subsidiar(?:y|ies)|divisions?|business(?:es)?|arm|affiliates?|compan(?:y|ies)|"
    r"concern)\s*,?\s*$",
    re.I,
)


# "all the shares of X", "substantially all of the assets of X": buying them buys X.
_CAPITAL_GAP = re.compile(
    r"^\s*(?:substantially\s+)?(?:all|the\s+whole|the\s+entire|the\s+remaining|the\s+rest\s+of|the|"
    r"all\s+of\s+the|all\s+the|the\s+majority\s+of\s+the|most\s+of\s+the)\s+"
    r"(?:(?:issued|outstanding|remaining|common|ordinary|capital|operating)\s+)*"
    r"(?:share\s+capital|shares|stock|capital|equity|assets|business)"
    r"(?:\s+and\s+(?:[\w-]+\s+){0,3}?(?:business|liabilities|operations|assets))?\s+(?:of|in)\s+"
    r"(?:its\s+|their\s+|the\s+)?$",
    re.I,
)


# Selling all of one's assets sells the company itself (the buyer's side: `_CAPITAL_GAP`).
_ALL_ITS_ASSETS = re.compile(
    r"\s+(?:substantially\s+|virtually\s+|nearly\s+)?all\s+(?:of\s+)?(?:its|their)\s+"
    r"(?:(?:operating|remaining|business|net)\s+)?assets\b(?!\s+(?:of|in)\b)",
    re.I,
)
_PARENT_BEFORE = re.compile(rf"\b{UNIT_NOUN}\s+of\s+(?:the\s+)?$", re.I)
# "the 80 pct it does not hold of", "the remaining 30 pct in": the rest of a
# company a holder bids for or buys is that company.
_REST_OF_GAP = re.compile(
    r"^\s*(?:for\s+)?(?:the\s+)?(?:remaining\s+|other\s+|outstanding\s+)?\d+(?:\.\d+)?\s*(?:pct|%|percent|"
    r"per\s+cent)\s+(?:(?:equity\s+|voting\s+)?(?:stake|interest|holding)\s+)?"
    rf"{NOT_YET_OWNED}?(?:in|of)\s+",
    re.I,
)
_SHARES_OF_GAP = re.compile(r"\b(?:shares|stock|stake|interest)\s+(?:of|in)\s+$")


_OBJECT_END = frozenset(("for", "from", "to", "at", "in", "on", "with", "of", "by"))


def _goods_ahead(sentence: str, end: int) -> bool:
    ahead = _TICKER.sub(" ", sentence[end : end + 60]).lower()
    words = re.findall(r"[a-z][\w/.-]*", ahead)[:6]
    text = " ".join(words) + " "
    # The object runs to the first preposition: "BUYS FRENCH DURUM AND FEED BARLEY FOR ...".
    head: list[str] = []
    for w in words:
        if w in _OBJECT_END:
            break
        if w not in ("shares", "stock", "common", "preferred"):
            head.append(w)
    obj = " ".join(head)
    if head and _BUSINESS_HEAD.fullmatch(head[-1]):
        return False  # "SELLS SUGAR UNIT", "BUYS FOODS PRODUCTS DIVISION": a business
    return bool(
        _NOT_A_TARGET.search(obj) or _HEADLINE_GOODS.search(obj)
    ) and not _SHARES_OF_GAP.search(text)


def _company_ahead(sentence: str, end: int, spans: list[Span]) -> bool:
    """ "BUYS HALVERSON GRAIN <HGC>": the object is a name the body gives with its legal
    form, and no goods or paper follow it ("SELLS ACME UNIT NOTES" sells notes)."""
    obj = next((sp for sp in spans if sp.start >= end), None)
    return (
        obj is not None
        and obj.entity.strong
        and not sentence[end : obj.start].strip()
        and not _goods_ahead(sentence, obj.end)
    )


# Headline objects that are goods, money or people, never a company: an agency that buys
# products or funds, a minister who wants a country to buy more goods, cash offered to
# workers. Only in the object slot of a caps headline: as a span ("Acme Home Products")
# they are names.
_HEADLINE_GOODS = re.compile(
    r"\b(?:products|goods|funds|mortgages|cash|workers|employees|index|supplies|equipment|"
    r"arms|weapons|missiles)\b"
)
_BUSINESS_HEAD = re.compile(
    r"(?:units?|divisions?|subsidiar(?:y|ies)|business(?:es)?|operations|compan(?:y|ies)|"
    r"corp|inc|co|ltd|plc|group|stake|interest|maker|firm|concern)"
)


# "agreed to buy its largest competitor, Y": the rival is named after its description.
_RIVAL_GAP = re.compile(
    r"\s*(?:its|their)\s+(?:(?:largest|biggest|main|chief|major|closest|nearest|smaller|larger|"
    r"former|long-?time|local|regional)\s+){0,2}(?:rival|competitor|customer|supplier|partner)"
    r"\s*,?\s*",
    re.I,
)


def _object_gap_ok(gap: str, max_words: int = 4) -> bool:
    if _UNIT_GAP.match(gap) or _CAPITAL_GAP.match(gap) or _RIVAL_GAP.fullmatch(gap):
        return True  # "its Bremen edible fats subsidiary Talvik GmbH"
    low_gap = gap.lower()
    rest_of = (
        _REST_OF_GAP.match(gap) if "pct" in low_gap or "%" in gap or "per" in low_gap else None
    )
    if rest_of is not None:
        gap = gap[rest_of.end() :]  # "for the 45 pct it does not own of (the Ohio bank) X"
    if "-based" in gap:
        # "Yakima, Wash.-based Cascade Savings Bank": the town and state say where, not who.
        gap = _TOWN_BASED.sub(" ", gap)
    if gap.isupper():
        # A wire headline: "SELLS NOTES AT 7 PCT", "BUYS 33 MLN SHARES" trade paper or goods.
        gap = gap.lower()
        if _SHARES_OF_GAP.search(gap):
            return len(gap.split()) <= max_words + 2  # "SOLD 4 MLN SHARES OF USAIR"
        if _NOT_A_TARGET.search(gap):
            return False
    if _DESCRIBED_OBJECT.fullmatch(gap):
        return True  # "privately held oil and gas producer Acme Petroleum Co"
    if _OBJECT_GAP_STOP.search(gap):
        return False
    return len(gap.split()) <= max_words


# A description that ends right before the name: "the Denver-based chemicals maker X".
_DESCRIBED_OBJECT = re.compile(
    r"\s*(?:(?:the|a|an)\s+)?(?:(?!(?:of|to|from|for|by|with|at|on|in|that|which|who|said|its|"
    r"their|his|her)\b)(?:[a-z][\w'-]*|[A-Z][\w.-]*-based)\s+){1,7}?(?:company|firm|maker|manufacturer|producer|concern|"
    r"bank|chain|retailer|distributor|operator|publisher|insurer|developer|supplier|refiner|"
    r"carrier|airline|brokerage|processor|group)\s+"
)


def _first_after(spans: list[Span], pos: int, sentence: str, max_words: int = 4) -> Span | None:
    """The company right after `pos`, unless what it names is goods or paper, not a company.

    "its Bremen edible fats subsidiary Talvik GmbH": a name inside the unit's
    description (a place, a brand) gives way to the unit's own name after it.
    """
    first: Span | None = None
    for span in spans:
        if span.start < pos:
            continue
        if span.start - pos > 90:
            break
        gap = sentence[pos : span.start].removesuffix("<")  # "<Acme Corp>": a bracketed name
        if first is None:
            if not _object_gap_ok(gap, max_words) or _goods(span, sentence):
                return None
            if " in " in gap and _ASSET_IN.search(gap):
                return None  # "a branch in Elmwood Park": the name says where
            word = _WORD_AHEAD.match(sentence, span.end)
            if word and (_COMMODITY.fullmatch(word.group(1)) or _ARMS.fullmatch(word.group(1))):
                return None  # "an offer for SRW wheat", "acquired Scud missiles": goods
            first = span
            if span.entity.strong or not _UNIT_LEAD.match(gap):
                return first
        elif _UNIT_GAP.match(gap) and not _goods(span, sentence):
            return span
        elif span.entity.strong:
            break
    return first


_ASSET_IN = re.compile(rf"\b(?:{_PHYSICAL_ASSETS})\s+in\s+$")
_UNIT_LEAD = re.compile(
    r"\s*(?:(?:one|two|three|some|all|both|part|each)\s+of\s+)?(?:its|their)\s", re.I
)


# Things bought and sold that are not companies: securities and commodities.
_COMMODITIES = (
    r"tonnes|tons|cargoes|bushels|barrels|wheat|sugar|corn|maize|soybeans?|soymeal|crude|"
    r"rapeseed|cattle|aluminium|aluminum|grains?|coffee|cocoa|barley|rice|flour|cotton|olein|"
    r"palm|peanuts?|oilseeds?|veg|milo|sorghum|hogs|pork|beef|copra|rubber"
)
_COMMODITY = re.compile(rf"\b(?:{_COMMODITIES})\b", re.I)
_ARMS = re.compile(r"missiles?|weapons?|rockets?|warships?|submarines?|fighters|jets|tanks", re.I)
# Traded as such: goods beyond _COMMODITIES, and paper. One word list serves the regex
# (a space there is \s+) and its literal stems (sentences reach it with single spaces).
_TRADED_GOODS = rf"{_COMMODITIES}|tin|tea|sunflowerseed|vegetable oils?|bank bills|coupons"
_TRADED_PAPER = "notes|debentures|bonds|frns|eurobonds|commercial paper|dollars"
_COMMODITY_IN_TRADE = re.compile(
    rf"\b(?:{_TRADED_GOODS}|(?P<paper>{_TRADED_PAPER}))\b".replace(" ", r"\s+")
    + r"(?!(?:\s+[\w-]+){0,3}?\s+(?:unit|units|division|business|operations|company|co|corp|plc|inc|"
    r"ltd|group|subsidiary|assets|mills?|refinery|plants?|producer|maker|processor|provider|firm|"
    r"concern|stake|interests?)\b)",
    re.I,
)
_COMMODITY_IN_TRADE_FAST = Caseless(_COMMODITY_IN_TRADE)
_TRADE_STEMS = tuple(
    word.removesuffix("s?") for word in f"{_TRADED_GOODS}|{_TRADED_PAPER}".split("|")
)
_PAID_IN = re.compile(r"\b(?:in|and|plus)\s+(?:[\w-]+\s+){0,3}$", re.I)
_TRADE_CUES = frozenset(
    {"acq", "acq3", "acq_done", "sell", "sold", "sale_of", "acq_of", "acq_noun", "bid_noun"}
    | {"acq_bid", "bid_for", "bid_from", "bid_received", "price_bid", "receive_for", "sale_noun"}
    | {"sold_to", "sold_by"}
)


def _trades_goods(sentence: str, low: str, spans: list[Span] | None = None) -> bool:
    """A commodity or paper named as such (lower case in running text): the deal words are trade.

    In a caps headline a goods word inside a name the story gives as a company's
    ("HALVERSON GRAIN <HGC>" for Halverson Grain Co) is that company's name, no trade.
    """
    spots = _goods_spots(sentence, low)
    if not spots or not spans or not sentence.isupper():
        return bool(spots)
    names = [(sp.start, sp.end) for sp in spans if sp.entity.strong]
    return any(not any(a <= spot < b for a, b in names) for spot in spots)


@functools.lru_cache(maxsize=1024)
def _goods_spots(sentence: str, low: str) -> tuple[int, ...]:
    """Where the sentence names goods or paper traded as such."""
    if not any(stem in low for stem in _TRADE_STEMS):
        return ()  # the stems are a cheap superset of what the regex below finds
    upper = sentence.isupper()
    spots: list[int] = []
    for m in _COMMODITY_IN_TRADE_FAST.finditer(sentence):
        # The twin's match text is lower-cased, so the sentence's own words show the case
        # (past this test, in running text they are lower case: "paper" reads as written).
        if not (upper or sentence[m.start() : m.end()].islower()):
            continue
        if (
            m.group("paper")
            and not upper
            and _PAID_IN.search(sentence, max(0, m.start() - 40), m.start())
        ):
            continue  # "partly in cash and partly in promissory notes": what the buyer pays
        if m.group("paper") == "dollars" and not upper:
            continue
        spots.append(m.start())
    return tuple(spots)


# Debt securities a company issues: buying them buys no part of the company, and the
# percentage before them is their coupon ("9.25 pct senior notes"), not a stake.
_DEBT_PAPER = (
    r"(?:notes|debentures|bonds|eurobonds|frns|debt\s+securities|commercial\s+paper|"
    r"(?:senior|subordinated|junior)\s+debt)"
)
_DEBT_PAPER_STEMS = ("note", "debenture", "bond", "frn", "debt", "paper")
_COUPON_WORDS = (
    r"(?:\d[\d./]*(?:\s+\d+/\d+)?\s*(?:pct|%|percent|per\s+cent)|senior|junior|subordinated|"
    r"convertible|exchangeable|secured|unsecured|zero[\s-]coupon|guaranteed|floating[\s-]rate|"
    r"fixed[\s-]rate|mortgage|first|second|sinking[\s-]fund|collateralized|outstanding|"
    r"publicly\s+held|new|existing|callable|redeemable)"
)
_PAPER_AFTER = re.compile(
    rf"(?:\s*<[^>]*>)?(?:'s|')?\s+(?:{_COUPON_WORDS}\s+){{0,5}}{_DEBT_PAPER}\b", re.I
)
_PAPER_BETWEEN = re.compile(
    rf"\b(?:{_COUPON_WORDS}\s+){{0,5}}{_DEBT_PAPER}\s+(?:of|in|issued\s+by|from)\s+(?:the\s+)?$",
    re.I,
)
# A percentage that is a rate: "9.25 pct senior notes", "bearing 8 pct interest", "a coupon of 7 pct".
# "a year" marks a rate only beside a rate word ("interest of 8 pct a year"): "raised its
# stake to 30 pct a year after" is a stake; so is "an interest of 20 pct in Y" (an
# "interest" is a rate only as "interest rate", or after "coupon"/"bearing"/"rate").
_COUPON_AFTER = re.compile(
    rf"\s+(?:(?:{_COUPON_WORDS}\s+){{0,4}}{_DEBT_PAPER}\b|(?:annual\s+)?(?:interest(?:\s+rate)?|coupon|"
    r"yield)\b(?!\s+in\b)|(?:per\s+annum|annually)\b)",
    re.I,
)
_A_YEAR_AFTER = re.compile(r"\s+a\s+year\b", re.I)
_RATE_WORD = re.compile(r"\b(?:interest|yield|coupon|rate|bearing|bears?|paying|pays)\b", re.I)
_COUPON_BEFORE = re.compile(
    r"\b(?:(?:interest\s+rate|coupon|yield(?:ing)?|bearing|rate)\s+(?:of\s+|at\s+)?|interest\s+at\s+"
    r"|(?:bears?|pays?|paying|carr(?:y|ies|ying))\s+interest\s+of\s+)(?:about\s+)?$",
    re.I,
)


def _buys_paper(sentence: str, end: int, obj: Span) -> bool:
    """The cue's object is debt the company issued, not the company: "bought Y's notes"."""
    return (
        _PAPER_AFTER.match(sentence, obj.end) is not None
        or _PAPER_BETWEEN.search(sentence, end, obj.start) is not None
    )


_NOT_A_TARGET = re.compile(
    r"\b(?:notes?|debentures?|bonds?|bills?|debt|convertibles?|securities|paper|shares|stock|"
    r"cmos?|issues?|eurobonds?|warrants|certificates|preferred|dollars?|dlrs|yen|"
    r"currency|tap|tankers|bulkers|vlccs|loans|cds|destinations?|"
    rf"capacity|farmland|wood|planes|aircrafts?|ships|vessels|cranes|buying|exporters|{_COMMODITIES})"
    r"\b|\d",
    re.I,
)
_NOT_A_TARGET_FAST = Caseless(_NOT_A_TARGET)
_WORD_AHEAD = re.compile(r"\s*([A-Za-z]+)")


def named_for_goods(span: Span) -> bool:
    """An unknown company whose name holds a goods word ("Halverson Grain Co")."""
    return not span.entity.known and _NOT_A_TARGET_FAST.search(span.entity.name) is not None


def trades_goods(sentence: str, low: str) -> bool:
    """A mixed-case sentence naming goods traded as such ("bought 5,000 tonnes of grain")."""
    return bool(_goods_spots(sentence, low))


def _goods(span: Span, sentence: str) -> bool:
    """Whether a span names goods or paper; a legal suffix ("Gleason Securities Inc") says company."""
    if span.entity.known or _SUFFIXED_END.search(sentence, span.start, span.end):
        return False
    if span.entity.strong and sentence.isupper():
        return False  # "HALVERSON GRAIN": the body gave the name with its legal form
    m = _NOT_A_TARGET_FAST.search(sentence, span.start, span.end)
    if m is None:
        return False
    # "to Calloway Smoked Meats": in running text a capitalised word inside a name of three
    # words or more is part of the name, not the goods themselves.
    return not (
        sentence[m.start()].isupper()
        and not sentence.isupper()
        and sentence.count(" ", span.start, span.end) >= 2
        and m.start() > span.start
    )


# Names that are a country, a people or a sentence's first common word: a state buying
# arms or a nation's investment abroad is no deal between companies. Places the name
# finder already strips (`PLACE_CAPS`) need no entry here.
_NOT_A_PARTY = wordset(
    """
    iran iranian iraq iraqi taiwan taiwanese libya libyan latin soviet soviets ussr israel
    israeli egypt egyptian nigeria nigerian argentina argentine chile chilean peru peruvian
    venezuela venezuelan colombia colombian pakistan pakistani turkey turkish greece greek
    poland polish hungary hungarian yugoslavia romania bulgaria cuba cuban ecuador bolivia
    bolivian zambia zaire kenya ghana morocco algeria tunisia syria jordan lebanon hainan
    any each every other many is are was were purchases sales class depositary zealand
    once although because since despite during until upon unless whether though besides
    """
) | {"united states", "soviet union", "saudi arabia", "latin america"}
_SUFFIXED_END = re.compile(
    r"\b(?:Inc|Corp|Co|Ltd|Plc|PLC|AG|SA|NV|GmbH|SpA|Spa|AB|Bhd|Pty|LP|L\.P)\.?$"
)


_TOWN_BASED = re.compile(r"(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*,\s+[A-Z][\w.]*-based\s+$")
_BASED_IN = re.compile(r"\b(?:based|headquartered)\s+in\s+$")
_STATE_BASED = re.compile(r",\s+[A-Z][\w.]*-based\b")


def _town(span: Span, sentence: str) -> bool:
    return bool(
        _BASED_IN.search(sentence, max(0, span.start - 20), span.start)
        or _STATE_BASED.match(sentence, span.end)
    )


def _town_before_state(span: Span, sentence: str) -> bool:
    """A name followed by ", <state>" is a town: "the Fairview, Ore., toolmaker".

    Kept where it says which asset ("its Fairview, Ore., lumber mill") or is a station
    or a bank named with its town ("KPLX-FM of Fairview, Ore.").
    """
    return (
        not span.entity.strong
        and STATE_AFTER.match(sentence, span.end) is not None
        and " of " not in sentence[span.start : span.end]
        and _NAMED_ASSET_AFTER.match(sentence, span.end) is None
    )


def _nearest_before(spans: list[Span], pos: int, clause: int) -> list[Span]:
    """Spans before `pos` in the clause, nearest first."""
    return [s for s in reversed(spans) if s.end <= pos and s.start >= clause]


# The verb a caps headline's name run swallows: "OUTLAYS IN U.K. CLIMBING FAST".
_CAPS_TRAILING_VERB = re.compile(r"\w+(?:ing|ed|ly)|fell|rose|grew|rises|falls|up|down", re.I)


def _only_a_place(party: Party, spans: list[Span], sentence: str) -> bool:
    """Whether the party names nothing but a place: "U.S.", "Hong Kong", not "China
    Mobile Ltd", "British Airways Plc" or "Texas Instruments Inc".
    """
    if any(s.entity.key == party.key and s.entity.strong for s in spans):
        return False
    words = party.name.split()
    while len(words) > 1 and sentence.isupper() and _CAPS_TRAILING_VERB.fullmatch(words[-1]):
        words.pop()
    return all(w.lower().rstrip(".,") in PLACE_CAPS for w in words)


def _party(span: Span, role: str, rename: str | None = None) -> Party:
    entity = span.entity
    if rename:
        return Party(rename, rename.lower(), role, None)
    return Party(entity.name, entity.key, role, entity.company_id)


def _amounts(money: list[MoneyMention], sentence: str = "") -> tuple[Amount | None, Amount | None]:
    """The sentence's deal value and its first valuation.

    The deal value is the first amount worded as a price ("for", "paid",
    "a ... transaction"), else the first amount that measures nothing else.
    """
    deal = None
    worded = None
    valuation = None
    for mention in money:
        if mention.role == "valuation" and valuation is None:
            valuation = mention.amount
        elif mention.role == "deal":
            if deal is None:
                deal = mention.amount
            if worded is None and sentence and _deal_context(sentence, mention):
                worded = mention.amount
    return worded or deal, valuation


def _stake(sentence: str) -> Decimal | None:
    for m in _PCT_RE.finditer(sentence):
        if (
            _COUPON_AFTER.match(sentence, m.end())
            or _COUPON_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
            or (
                _A_YEAR_AFTER.match(sentence, m.end())
                and _RATE_WORD.search(sentence, max(0, m.start() - 40), m.start())
            )
        ):
            continue  # an interest rate or a coupon, not a share of a company
        value = Decimal(m.group(1))
        return value if value <= 100 else None
    return None


def _kind_from_words(sentence: str) -> str | None:
    m = _KIND_WORDS_FAST.search(sentence)
    return m.lastgroup if m else None


def speaks_of_results(sentence: str) -> bool:
    """The sentence reports results ("a gain on the sale", "net income rose")."""
    if _RESULTS_CONTEXT_FAST.search(sentence) is None:
        return False
    if "per share" in sentence:
        # "a 20 dlr per share tender offer" is a price; results still show by their other words.
        return _RESULTS_CONTEXT_FAST.search(_PRICE_PER_SHARE.sub(" ", sentence)) is not None
    return True


def sentence_candidates(
    sentence: str,
    spans: list[Span],
    money: list[MoneyMention],
    *,
    headline: bool,
    story: int,
    index: int,
    principal: Entity | None,
    position: int = 0,
    low: str | None = None,
    titled: bool = False,
) -> list[Candidate]:
    """Every deal the sentence's cues report, before merging across sentences."""
    candidates: list[Candidate] = []
    talks_pending: list[tuple[re.Match[str], Cue]] = []
    lowered = sentence.lower() if low is None else low
    matches = cue_matches(sentence, lowered)
    if not matches:
        return candidates
    # Goods and paper ("150,000 tonnes corn", "energy loans") never take a deal role,
    # nor does a country or a capitalised common word ("Iran", "Any", "Purchases").
    spans = [
        sp
        for sp in spans
        if not _goods(sp, sentence) and (sp.entity.strong or sp.entity.key not in _NOT_A_PARTY)
    ]
    if "<" in sentence:
        spans = _without_tickers(spans, sentence)
    if "based" in sentence:
        # "based in Dayton, Ohio", "a Yakima, Wash.-based bank": the town is no party.
        spans = [sp for sp in spans if sp.entity.strong or not _town(sp, sentence)]
    towns: list[Span] = []
    if ", " in sentence and STATE_AFTER.search(sentence) is not None:
        towns = [
            sp
            for sp in spans
            if sentence.startswith(",", sp.end) and _town_before_state(sp, sentence)
        ]
        if towns:
            spans = [sp for sp in spans if sp not in towns]
    # Only these cues read `results`: the regex runs only when one of them is here.
    results = any(
        cue.name in _RESULTS_CUES or _investment_noun(cue, m) for cue, m in matches
    ) and speaks_of_results(sentence)

    def from_cue(m: re.Match[str], cue: Cue, kind: str | None = None) -> Candidate | None:
        return _from_cue(
            sentence,
            lowered,
            spans,
            money,
            m,
            cue,
            headline,
            story,
            index,
            principal,
            results,
            position,
            kind=kind,
            titled=titled,
            towns=towns,
        )

    for cue, m in matches:
        if cue.kind is None:
            talks_pending.append((m, cue))
            continue
        cand = from_cue(m, cue)
        if cand is not None:
            candidates.append(cand)
    if not candidates:
        for m, cue in talks_pending:
            if _NOT_DEAL_TALKS_FAST.search(sentence):
                break
            kind = _kind_from_words(sentence)
            if kind is None:
                continue
            cand = from_cue(m, cue, kind)
            if cand is not None:
                candidates.append(cand)
                break
    return candidates


def _without_tickers(spans: list[Span], sentence: str) -> list[Span]:
    """Drop "<ACM>" right after a name: it is that company's ticker, not a second company."""
    kept: list[Span] = []
    for sp in spans:
        if (
            kept
            and sentence[sp.start - 1 : sp.start] == "<"
            and sentence[sp.end : sp.end + 1] == ">"
            and not sentence[kept[-1].end : sp.start - 1].strip()
        ):
            continue
        kept.append(sp)
    return kept


_SUFFIX_AFTER = re.compile(r"\s+(?:Inc|Corp|Co|Ltd|Plc|LP|Partners|Group)\b\.?", re.I)
# A flash about results or paper that mentions a sale: "SEES GAIN FROM UNIT SALE".
_SALE_NOT_DEAL = re.compile(
    r"\b(?:GAIN|GAINS|LOSS|NET|PROFIT|CHARGE|PROCEEDS|PRICED|DATE|RISE|FALL|WRITEDOWN)\b"
    r"|\b(?:SHARE|PUBLIC|PRIVATE|EXPORT|EXPORTS|GOLD|OIL|CRUDE|GAS|TAX|LAND|FORCED)\s+SALE\b"
    r"|\bSALE[-/]"
)
_WORDS_BEFORE = re.compile(r"((?:[A-Z][\w'-]*\s+){0,2})$")


def _flash_seller(sentence: str, spans: list[Span], start: int, headline: bool) -> Span | None:
    """The company opening a caps flash that reports its sale of something."""
    if not (headline and sentence.isupper()) or _SALE_NOT_DEAL.search(sentence):
        return None
    what = _WORDS_BEFORE.search(sentence, 0, start)
    if what and _NOT_A_TARGET.search(what.group(1)):
        return None  # "DEBENTURE SALE", "STOCK SALE": paper, not a business
    first = spans[0] if spans else None
    if first is None or first.start >= start or sentence[: first.start].strip(" <"):
        return None
    return first


# "MERGER CHIEF", "MERGER RULES": the word describes a person or a policy, not a deal.
_MERGER_MODIFIER = re.compile(
    r"\s+(?:CHIEF|HEAD|EXPERTS?|SPECIALISTS?|ADVISERS?|ARBITRAGEURS?|RULES?|LAWS?|POLICY|"
    r"GUIDELINES|BOOM|WAVE|MANIA|ACTIVITY|FEVER)\b"
)
# A stake passed on: "its 10 pct stake in X will be sold to Y".
_SOLD_TO_AFTER = re.compile(
    r"\s+(?:(?:that|which)\s+)?(?:(?:will|would|could|may|is|are|to|also|now)\s+)*"
    r"(?:be|being|was|were|has\s+been|have\s+been|had\s+been)"
    # "sold to it by Y": the sentence's subject is the buyer, and the stake no holding of its.
    r"\s+sold\s+to\b(?!\s+(?:it|them)\b)",
    re.I,
)
_HOLD_VERB = r"(?:holds?|owns?|held|owned)"
_ITS_OWN = r"(?:its|their)\s+(?:entire\s+|remaining\s+)?"
_ITS_BEFORE_STAKE = re.compile(rf"\b{_ITS_OWN}$", re.I)
_HELD_IN = re.compile(rf"\b(?:it|they)\s+{_HOLD_VERB}\s+in\s+$", re.I)
# "its 10 pct stake in X", "a stake it holds in X": the holder is the sentence's speaker.
_HOLDER_STAKE_IN = re.compile(
    rf"\b(?:{_ITS_OWN}(?:[\d.]+\s*(?:pct|percent|%)\s+)?(?:stake|interest|holding)|"
    rf"(?:stake|interest|holding)\s+(?:(?:that|which)\s+)?(?:it|they)\s+{_HOLD_VERB})\s+in\s+$",
    re.I,
)
_SAID_BEFORE_STAKE = re.compile(
    r"\s*(?:<[^>]*>\s*)?,?\s+(?:said|says|announced)\s+(?:that\s+)?(?:(?:an?|the)\s+[\d.]+\s*(?:pct|percent|%)\s+)?$"
)


def _stake_holder(sentence: str, spans: list[Span], sold: Party, clause: int) -> Span | None:
    """Who says its stake in the company sold is passed on: "X said its stake in Y"."""
    company = next((sp for sp in spans if sp.entity.key == sold.key), None)
    if company is None:
        return None
    held = _HOLDER_STAKE_IN.search(sentence, max(clause, company.start - 60), company.start)
    if held is None:
        return None
    before = _nearest_before(spans, held.start(), clause)
    if before and _SAID_BEFORE_STAKE.fullmatch(sentence, before[0].end, held.start()):
        return before[0]
    return None


_STAKE_SALE_CUES = frozenset({"sold", "sell", "pct_of", "stake_pct", "shares_of", "stake"})
# What a holder sold is a block of shares, and the buyer follows "to" ("to a group led by").
_STAKE_SOLD_TO = re.compile(
    r"(?:[^;.]|\.\d){0,90}?\b(?:shares|stock|stake|interest|holding|pct|percent)\b"
    r"(?:[^;.]|\.\d){0,50}?\bto\s+(?:(?:an?\s+)?(?:[\w-]+\s+)?(?:group|partnership|consortium)\s+"
    r"(?:consisting\s+of|led\s+by|headed\s+by|formed\s+by|including|of)\s+|the\s+)?<?",
    re.I,
)
_PAPER_SOLD = re.compile(r"\b(?:notes|debentures|bonds|warrants|preferred|dlrs\s+of)\b", re.I)


def _stake_buyer(sentence: str, spans: list[Span], end: int) -> Span | None:
    """The company a block of shares was sold to, if the sentence names one."""
    for sp in spans:
        if sp.start <= end:
            continue
        if sp.start - end > 160:
            break
        if _STAKE_SOLD_TO.fullmatch(sentence, end, sp.start):
            if not sp.entity.strong or _PAPER_SOLD.search(sentence, end, sp.start):
                return None
            return sp
    return None


_OF_AFTER_BUYER = re.compile(
    r">?\s*(?:<[^>]{1,12}>\s*)?(?:,[^,;.]{1,40},\s*)?of\s+<?(?:the\s+)?<?", re.I
)


def _by_then_of(spans: list[Span], sentence: str, by: re.Match[str]) -> tuple[Span, Span] | None:
    """The buyer after "by" and the target after "of" that follow a deal noun."""
    buyer = _first_after(spans, by.end(), sentence, 1)
    if buyer is None:
        return None
    target = next((sp for sp in spans if sp.start > buyer.end), None)
    if target is None or not _OF_AFTER_BUYER.fullmatch(sentence, buyer.end, target.start):
        return None
    return buyer, target


# --- deal words used for something else ---------------------------------------
# "the production and sale of its fibres": a company's trade in its goods, not a divestiture.
_TRADE_BEFORE = re.compile(
    r"\b(?:production|manufacture|manufacturing|marketing|distribution|development|supply|"
    r"licensing|import|export)\s+and\s+(?:the\s+)?$",
    re.I,
)
# "of the offering, 2 mln shares come from selling stockholders": a holder's part of a share issue.
_SELLING_HOLDER = re.compile(r"\bselling\s+(?:share|stock)holders?\b", re.I)
# "the chemicals arm spins off into a free-standing company": nothing is sold.
_SPUN_INTO = re.compile(r"\s+into\b", re.I)
# "income on its holding in X", "excluding its stake in Y": a holding the sentence
# mentions for what it earns or to leave it out, not one changing hands.
_HOLDING_MENTION = re.compile(
    r"(?:\b(?:profit|gain|loss|income|earnings|return|writedown|write-down|write-off|dividends?)"
    r"\b[^;.]{0,40}?\bon|\b(?:excluding|except|other\s+than))\s+(?:its|their)\s+$",
    re.I,
)
_HOLDING_CUES = frozenset({"stake", "stake_pct", "pct_of"})
# "an approach from a lender under which it would extend a loan": financing, no bid.
_CREDIT_TERMS = re.compile(
    r"[^;.]{0,80}?\bunder\s+which\b[^;.]{0,80}?\b(?:letters?\s+of\s+credit|loans?|credit\s+lines?|"
    r"lines?\s+of\s+credit|financing)\b",
    re.I,
)
# "will take a 40 pct stake in a new joint venture": founding one, not buying in.
_NEW_VENTURE_AFTER = re.compile(
    r"\s+(?:a|the)\s+(?:new|planned|proposed)\s+(?:joint\s+venture|venture|company|firm)\b", re.I
)


def _other_use(sentence: str, low: str, cue: str, start: int, end: int, clause: int) -> bool:
    """The cue's words report something other than a deal: goods traded, a share offering,
    a reorganisation, a holding's income, a credit proposal, a joint venture founded."""
    if cue == "sale_of":
        return _TRADE_BEFORE.search(sentence, max(clause, start - 40), start) is not None
    if cue in ("sell", "sold"):
        word = sentence[start : start + 4].lower()
        if word in ("spin", "spun") and _SPUN_INTO.match(sentence, end):
            return True
        return "selling" in low and _SELLING_HOLDER.search(sentence) is not None
    if cue in _HOLDING_CUES:
        if _HOLDING_MENTION.search(sentence, max(clause, start - 70), start) is not None:
            return True
        return cue != "pct_of" and _NEW_VENTURE_AFTER.match(sentence, end) is not None
    if cue in ("bid_received", "bid_from"):
        return "under" in low and _CREDIT_TERMS.match(sentence, end) is not None
    if cue == "lbo":
        # "Lenders to X's leveraged buyout agreed ...": the buyout's financing is the news.
        return _LENDERS_TO.search(sentence, max(clause, start - 90), start) is not None
    return False


_LENDERS_TO = re.compile(
    r"\b(?:lenders|banks|creditors|bondholders|noteholders|debtholders)\s+(?:to|in|for|of|on|behind)\s+"
    r"(?:the\s+|(?:[^\s;,]+\s+){0,5}?[^\s;,]+(?:'s|’s)\s+)(?:[\w.-]+\s+){0,2}$",
    re.I,
)


# "holds an option to buy a fifth of X": a right to buy later, not yet a deal
# (using it is one: "exercised its option").
_OPTION_BEFORE = re.compile(
    r"\boptions?\s+to\s+(?:(?:buy|purchase|acquire)\s+(?:[\w.-]+\s+){0,3})?$", re.I
)
_EXERCISE_BEFORE = re.compile(r"\bexercis\w*\s+(?:(?:an|the|its|their|a)\s+)?$", re.I)


def _mere_option(sentence: str, start: int, clause: int) -> bool:
    option = _OPTION_BEFORE.search(sentence, max(clause, start - 60), start)
    return option is not None and not _EXERCISE_BEFORE.search(
        sentence, max(clause, option.start() - 30), option.start()
    )


# Cues of a company in play (see cues.IN_PLAY_CUES) that may name one side only.
_ONE_SIDED_IN_PLAY = frozenset(
    {"takeover_talk", "interest_shown", "other_buyer", "affiliation", "proration"}
)
# Interest "expressed" in a company is a takeover only when the sentence says so: the same
# words report demand for a share issue or a bond.
_TAKEOVER_WORDS = re.compile(
    r"\b(?:acquisitions?|acquire|acquiring|takeover|buyout|merger|purchase|buy|buying|sale|"
    r"bids?|bidders?|restructuring)\b",
    re.I,
)
# "Affiliation" is a bank holding company's word for a merger; elsewhere it is a TV
# network's, a union's or a party's. "Fed" is the Federal Reserve only capitalised:
# "fed up", "fed into" are the verb.
_BANK_WORDS = re.compile(
    r"\b(?:banks?|banking|banc\w*|bankshares|savings|thrifts?|federal\s+reserve|(?-i:Fed|FED))\b",
    re.I,
)
# Interest in a company, however long-standing, agrees no deal.
_SPECULATIVE = frozenset({"takeover_talk", "interest_shown", "other_buyer"})
# "to hand a majority stake to Y": control of a company changes hands, whatever paper
# the same sentence swaps ("retire its debentures for cash and sell Y ...").
_CONTROL_AHEAD = re.compile(
    r"\s+(?:a|the|its|their)\s+(?:controlling|majority)\s+(?:stock\s+|equity\s+)?(?:interest|stake)\b",
    re.I,
)
_IN_PLAY_GATES = frozenset(
    {"interest_shown", "other_buyer", "affiliation_of", "affiliation", "proration"}
)


def _in_play_context(name: str, sentence: str, low: str, headline: bool) -> bool:
    """Whether the words around an in-play cue are about companies changing hands."""
    flash = headline and sentence.isupper()
    if name == "interest_shown":
        return flash or _TAKEOVER_WORDS.search(sentence) is not None
    if name == "other_buyer":
        return not _trades_goods(sentence, low)
    if name == "proration":
        return flash or "tender" in low
    if name == "affiliation" and not flash:
        return False  # the bare noun reports a deal only as a caps flash's subject
    return _BANK_WORDS.search(sentence) is not None


# Words that may stand between a bidder's possessive and its bid: the price and the kind.
_BID_WORDS = wordset(
    """
    a per share shr dlr dlrs cts cents pence stg cash tender takeover hostile unsolicited
    revised new higher sweetened proposed earlier latest rival buyout merger acquisition
    initial original previous pending friendly competing all two-tier two-step partial
    """
)


def _possessive_bidder(sentence: str, spans: list[Span], start: int, clause: int) -> Span | None:
    """The company whose bid it is: "X's offer", "X's 41 dlr a share cash bid"."""
    before = _nearest_before(spans, start, clause)
    if not before:
        return None
    gap = _TICKER.sub("", sentence[before[0].end : start]).lstrip()
    if not gap.startswith(("'s ", "’s ")):
        return None
    words = re.split(r"[\s-]+", gap[3:].strip().lower())
    if any(w and w not in _BID_WORDS and not w[0].isdigit() for w in words):
        return None
    return before[0]


# Words that may stand between a subject and its verb: "X Inc was sold", "X is to be sold".
_AUX = r"(?:(?:will|would|could|may|might|should|is|are|to|also|now|then|each)\s+)*"
# What is sold to a buyer is a company ("X Inc was sold to Y") or a unit ("its Z division
# was sold to Y"), never goods, shares or a count ("300 homes", "its shares were sold to").
# "X said its packaging unit was sold to Y": X sells its own unit.
_UNIT_THINGS = rf"{UNIT_NOUN}s?|business(?:es)?|operations"


def _owned_sold(owner: str, things: str) -> str:
    """An owner word, up to three words, then what is sold, right before "was sold to"."""
    return rf"{owner}\s+(?:[\w-]+\s+){{0,3}}?(?:{things})\s+{_AUX}$"


_ITS_UNIT_SOLD = re.compile(_owned_sold(r"\b(?:its|their)", _UNIT_THINGS), re.I)
_SOLD_UNIT_BEFORE = re.compile(
    _owned_sold(
        r"(?:\b(?:its|their|the)|'s|’s)", rf"{_UNIT_THINGS}|operation|assets|stake|interest"
    )
    + rf"|\b(?:it|the\s+company|the\s+firm)\s+{_AUX}$",
    re.I,
)
# Only a ticker, an appositive or auxiliaries between the company and "was sold to".
# "X Inc, the toolmaker, was sold to Y"; "its unit, X Inc, was sold to Y" (the comma closes
# the unit's name).
_SOLD_GAP = re.compile(rf"\s*(?:\([^()]{{1,12}}\)\s*)?(?:,[^,;]{{1,60}},\s*|,\s+)?{_AUX}$", re.I)
_HOLDERS = r"(?:common\s+|public\s+)?(?:(?:share|stock)?holders|investors)"
# "X Inc holders will get one share of Y for every": X's holders are paid, X is bought.
_HOLDERS_BEFORE = re.compile(rf"(?:'s|’s)?\s+{_HOLDERS}\s+{_AUX}$", re.I)
# "X Inc said its holders would receive ...".
_ITS_HOLDERS = re.compile(rf"\b(?:its|their)\s+{_HOLDERS}\s+{_AUX}$", re.I)
# "Holders of X Inc would get ...".
_HOLDERS_OF = re.compile(rf"\b{_HOLDERS}\s+of\s+$", re.I)
_AUX_GAP = re.compile(rf"\s+{_AUX}$", re.I)


def _object_fits(
    name: str, sentence: str, low: str, spans: list[Span], m: re.Match[str], clause: int
) -> bool:
    """Whether the thing a sale, a going-private or a share swap is about is a company."""
    start, end = m.start(), m.end()
    if name in ("sold_to", "sold_by"):
        if _SOLD_UNIT_BEFORE.search(sentence, max(clause, start - 50), start):
            return True
        if sentence.isupper() and _UNIT_SOLD.search(sentence, max(clause, start - 30), start):
            return True
        before = _nearest_before(spans, start, clause)
        return bool(before) and _SOLD_GAP.fullmatch(sentence, before[0].end, start) is not None
    if name == "take_private":
        # "take X private": the object ends right before "private" ("take X to court over
        # private data" takes nobody private).
        at = low.find("private", end)
        return any(end < sp.start <= end + 2 and not sentence[sp.end : at].strip() for sp in spans)
    # share_ratio: a company's holders are paid, and not for a split or for options.
    if "split" in low or "option" in low[end : end + 80]:
        return False
    holders = _HOLDERS_BEFORE.search(sentence, max(clause, start - 60), start)
    if holders is not None and any(sp.end == holders.start() for sp in spans):
        return True
    before = _nearest_before(spans, start, clause)
    if before and _ITS_HOLDERS.search(sentence, max(clause, start - 60), start):
        return True
    return (
        bool(before)
        and _AUX_GAP.fullmatch(sentence, before[0].end, start) is not None
        and _HOLDERS_OF.search(sentence, max(0, before[0].start - 30), before[0].start) is not None
    )


def _passive_self(sentence: str, spans: list[Span], start: int, clause: int) -> bool:
    """Whether the company named (or "it") is what "be acquired" is said of."""
    prev = next((sp for sp in reversed(spans) if clause <= sp.start and sp.end <= start), None)
    if prev is None:
        return _PASSIVE_SELF_GAP.fullmatch(sentence, clause, start) is not None
    return _PASSIVE_SELF_GAP.fullmatch(
        sentence, prev.end, start
    ) is not None and not _OF_BEFORE.search(sentence, max(clause, prev.start - 12), prev.start)


def _from_cue(
    sentence: str,
    low: str,
    spans: list[Span],
    money: list[MoneyMention],
    m: re.Match[str],
    cue: Cue,
    headline: bool,
    story: int,
    index: int,
    principal: Entity | None,
    results: bool,
    position: int,
    *,
    kind: str | None = None,
    titled: bool = False,
    towns: list[Span] | None = None,
) -> Candidate | None:
    kind = kind or cue.kind
    assert kind is not None
    start, end = m.start(), m.end()
    if cue.name in _ASIDE_CUES and (aside := _VERB_ASIDE.match(sentence, end)) is not None:
        end = aside.end() - 1  # the object is read past the aside, from its last space
    clause = _clause_start(sentence, start)
    if _negated(sentence, start, clause):
        return None
    if _other_use(sentence, low, cue.name, start, end, clause):
        return None
    if cue.name in _IN_PLAY_GATES and not _in_play_context(cue.name, sentence, low, headline):
        return None
    if cue.gated and not _object_fits(cue.name, sentence, low, spans, m, clause):
        return None
    if (
        results
        and not headline
        # A body without a headline leads with its news: its first sentence ("X, reporting
        # lower profit, said talks go on over the sale of ...") is read as a headline.
        and index > 0
        and (cue.name in _NOMINAL_CUES or _investment_noun(cue, m))
        and not _DEAL_VERB_BEFORE.search(sentence, max(clause, start - 60), start)
    ):
        # "gain from the sale of its unit" in a results story is history; "completed
        # the sale of X to Y for a gain of" is the deal itself.
        return None
    # "40 pct of X has been tendered": shares handed in to a takeover bid still running.
    tendered = (
        cue.name in ("pct_of", "shares_of")
        and "tender" in low
        and _TENDERED.search(sentence, end, end + 80) is not None
    )
    if (
        cue.name in ("pct_of", "shares_of")
        and not tendered
        and not _HOLDING_VERB_FAST.search(sentence, max(clause, start - 50), start)
    ):
        return None
    if cue.name in ("pct_of", "shares_of") and _STILL_HOLDS.search(
        sentence, max(clause, start - 50), start
    ):
        return None  # "it still owns 5 pct of X", "which currently holds": a holding, no new deal
    if cue.name in _BID_CUES and _LABOUR_OR_ISSUE_OFFER.search(
        sentence, max(0, start - 30), min(end, start + 40)
    ):
        # "accepted a pay raise offer from", "a contract proposal by the company", "the
        # public offer of 2 mln shares": wages and share issues, not a bid for a company.
        return None
    if cue.name == "invest" and _MACRO_INVESTOR.search(sentence, max(0, start - 16), start):
        return None  # "more government investment in X", "foreign investment into Y": policy
    if cue.name == "standstill" and _DEBT_TALK.search(sentence):
        return None  # a standstill on a country's or a debtor's loans is no stake
    if cue.name == "acq_done" and _ADJECTIVE_BEFORE.search(sentence, max(0, start - 30), start):
        return None  # "its newly acquired unit", "the recently purchased plant": background
    if (
        cue.name == "invest"
        and m.group()[:3].lower() == "inj"
        and not _INJECTED_MONEY.match(sentence, end)
    ):
        return None  # "injecting gas into the field": only money injected is an investment
    # "sell 55 pct of its timber holdings": where the unnamed asset starts (0: none).
    pct_asset = _pct_of_asset(sentence, end, spans) if cue.name in _ASSET_CUES else 0
    named: Span | None = None
    if cue.name in ("acq", "acq3", "acq_done", "acq_of"):
        ahead = _STAKE_AHEAD.match(sentence, end)
        count = _SHARE_COUNT.match(sentence, end) if ahead and cue.name != "acq_of" else None
        named = next((sp for sp in spans if sp.start == count.end()), None) if count else None
        if named is not None and _SHARES_AFTER.match(sentence, named.end):
            kind = "investment"  # "bought 2.4 mln X Corp shares": the purchase is a stake
        else:
            named = None
            if ahead and not any(end < sp.start < ahead.end() for sp in spans) and not pct_asset:
                return None  # "acquired 5 pct of X": the stake cue reports it
    if (
        headline
        and cue.name in ("acq", "acq3", "acq_done", "sell", "sold", "bid_for", "acq_bid")
        and sentence.isupper()
        and _goods_ahead(sentence, end)
        and not _company_ahead(sentence, end, spans)
    ):
        return None  # "TRADERS BUY WHITE SUGAR", "SELLS 10-YEAR NOTES"
    if tendered:
        kind = "acquisition"
    if cue.name == "sale_noun":
        seller = _flash_seller(sentence, spans, start, headline)
        if seller is None:
            return None
        spans = [seller]
    features = [f"cue={cue.name}", f"kind={kind}", f"pos={min(position, 5)}"]
    left_role, right_role = cue.left, cue.right
    if tendered:
        left_role, right_role = "acquirer", "target"
        features.append("tendered")
    elif kind == "investment" and cue.kind == "acquisition":
        left_role, right_role = "investor", "investee"  # a stake bought as shares
        features.append("stake_purchase")
    if cue.name == "talks":
        left_role, right_role = _talks_roles(kind)
    elif cue.name in _STAKE_CUES and _REDUCING.search(sentence, max(clause, start - 60), start):
        left_role = "seller"  # "cut its stake in X", "sold 5 pct of X": the holder sells
        features.append("reducing")
    if cue.name == "sold_to" and sentence.isupper():
        if _UNIT_SOLD.search(sentence, max(clause, start - 30), start):
            left_role = "seller"  # "ACME UNIT SOLD TO WIDGETCO": Acme sells its unit
    elif cue.name == "sold_to":
        unit = _ITS_UNIT_SOLD.search(sentence, max(clause, start - 50), start)
        if unit is not None and not any(unit.start() < sp.start < start for sp in spans):
            left_role = "seller"  # "X said its packaging unit was sold to Y": X sells
    elif cue.name == "sold_by" and _SOLD_UNIT_BEFORE.search(
        sentence, max(clause, start - 50), start
    ):
        left_role = None  # "the holding was sold by Y": no company is the target
    if left_role == "seller" and cue.left == "seller" and _ALL_ITS_ASSETS.match(sentence, end):
        left_role = "target"  # "X is selling virtually all of its assets": X is bought
    self_by = cue.name == "acq_of" and _SELF_BY.match(sentence, end)
    pair = cue.pair or kind in _PAIR_KINDS

    parties: list[Party] = []
    used: set[str] = set()

    def add(span: Span, role: str, rename: str | None = None) -> None:
        party = _party(span, role, rename)
        if party.key in used and role == "target" and rename is None:
            surface = sentence[span.start : span.end]
            if (
                surface != span.entity.name
                and _SUFFIXED_END.search(surface)
                and any(p.key == party.key and p.role == "seller" for p in parties)
            ):
                # "sell its Dutch arm, Harrow BV": a unit that differs from its parent
                # only by the legal form is still the target.
                party = _party(span, role, surface)
        if party.key not in used:
            used.add(party.key)
            parties.append(party)

    # Object side.
    obj: Span | None = None
    lone_side: tuple[str, re.Match[str] | None] | None = None
    obj_pos = end
    if cue.prep:
        pm = re.compile(rf"\s(?:{cue.prep})\s", re.I).search(sentence, end, end + 50)
        obj_pos = pm.end() if pm and not _CLAUSE_BREAK.search(sentence, end, pm.start()) else -1
    if self_by:
        obj_pos = self_by.end()
        left_role, right_role = "target", "acquirer"
    elif cue.name == "merger_noun":
        into = _MERGER_INTO.match(sentence, end)
        if into is not None:
            # "approved a merger into Y": Y survives and the subject is absorbed.
            obj_pos = into.end()
            left_role, right_role = "target", "acquirer"
    if obj_pos >= 0 and right_role:
        obj = _first_after(spans, obj_pos, sentence, 6 if cue.name == "stake_pct" else 4)
    unnamed_buyer_group = False
    if (
        obj is None
        and cue.name in ("acq_passive", "acq_passive_done")
        and (group := _UNNAMED_GROUP_BY.match(sentence, end)) is not None
        and _passive_self(sentence, spans, start, clause)
    ):
        # "X is to be bought by an investor group that Y leads": Y buys if named, and the
        # deal stands with X its target even when nobody is.
        unnamed_buyer_group = True
        features.append("unnamed_group")
        if group.group().rstrip().endswith(" by"):
            obj = _first_after(spans, group.end(), sentence, 1)
    if cue.name == "sell_explore" and obj is None and (wanted := _BUYER_FOR.match(sentence, end)):
        # "seeking a buyer for its X unit": X is for sale, and its owner sells.
        obj = _first_after(spans, wanted.end(), sentence, 4)
        if obj is not None:
            left_role, right_role = "seller", "target"
    if named is not None:
        obj = named  # the share count between verb and name is no gap in the object
    held = (
        _OWNED_STAKE.match(sentence, obj.end)
        if obj is not None and cue.left == "acquirer" and left_role == "acquirer"
        else None
    )
    inner = next((sp for sp in spans if sp.start == held.end()), None) if held else None
    if inner is not None and obj is not None:
        # "bought X's 40 pct stake in Y": X sells its holding in Y.
        add(obj, "seller")
        obj = inner
        kind, left_role, right_role = "investment", "investor", "investee"
        features[1] = "kind=investment"
        features.append("stake_bought_from_holder")
    if cue.name == "interest_stock" and (obj is None or not _STOCK_AFTER.match(sentence, obj.end)):
        return None  # only an interest in a named company's stock or shares is a stake
    if (
        obj is not None
        and cue.name in _STAKE_CUES
        and left_role in ("investor", "acquirer")
        and _SOLD_TO_AFTER.match(sentence, obj.end)
    ):
        # "its 10 pct stake in X will be sold to Y": the holder sells and Y buys; with no
        # holder named ("a 10 pct stake in X"), the sentence's subject holds nothing.
        holds = _ITS_BEFORE_STAKE.search(sentence, max(clause, start - 12), start) or (
            _HELD_IN.search(sentence, start, obj.start)
        )
        left_role = "seller" if holds else None
        features.append("stake_sold_to_passive")
    if obj is None and cue.left == "seller" and right_role == "target":
        # "the sale of 51 pct of its X unit to Y": the seller's unit is the target.
        pct = _PCT_OF_ASSET.match(sentence, end)
        if pct is None and cue.name == "sale_of":
            # "the sale of its 35.5 pct interest in Y" names Y; after a verb ("sold its
            # 35.5 pct stake in Y") the stake cue already reports the sale.
            pct = _OWN_PCT_OF.match(sentence, end)
        obj = _first_after(spans, pct.end(), sentence, 2) if pct is not None else None
    self_object = False
    if (
        obj is None
        and obj_pos >= 0
        and principal is not None
        and right_role in ("target", "investee")
        and "the " in sentence[obj_pos : obj_pos + 6]
    ):
        # "Y took a stake in the company", "Y will buy a fifth of the company's shares":
        # in a story about X, the company is X (kept only if Y is named, see below).
        this = _SELF_OBJECT.match(sentence, obj_pos)
        if this is not None:
            obj = Span(this.start(), this.end(), principal)
            self_object = True
    headline_noun = False
    bid_side = False
    if cue.name == "acq_noun" and _SUFFIX_AFTER.match(sentence, end):
        return None  # "WIDGET ACQUISITIONS LTD", "ACME ACQUISITION CORP": a company's name
    if cue.name == "sale_noun":
        headline_noun = True
        features.append("headline_noun")
    elif (cue.name in _PRE_TARGET_CUES and (cue.name != "suitor" or obj is None)) or (
        cue.name == "acq" and obj is None
    ):
        # "last year's Whole Foods acquisition": the target stands right before the noun.
        before = _nearest_before(spans, start, clause)
        gap = _TICKER.sub("", sentence[before[0].end : start]) if before else ""
        if before and gap.strip(" '>") in ("", "s"):
            obj = before[0]
            right_role = "target"
        elif (
            headline
            and before
            and (
                cue.name in ("acq_noun", "stake_noun")
                or _NOUN_USE.search(sentence, max(0, start - 30), start)
            )
        ):
            # "ALLWASTE TO MAKE ACQUISITION": a one-party headline deal.
            headline_noun = True
            features.append("headline_noun")
        elif (by := _BY_AFTER.match(sentence, end)) and _POSSESSIVE_BEFORE.search(
            sentence, max(clause, start - 40), start
        ):
            # "its proposed buyout by the chairman": the subject is the target.
            left_role = "target"
            obj = _first_after(spans, by.end(), sentence, 4)
            right_role = "acquirer"
            if obj is None:
                return None
        elif (
            cue.name == "acq_noun"
            and by is not None
            and (by_of := _by_then_of(spans, sentence, by)) is not None
        ):
            # "the proposed acquisition by X of Y": both sides follow the noun.
            add(by_of[0], "acquirer")
            obj, right_role, left_role = by_of[1], "target", None
        elif cue.name in ("acq_noun", "stake_noun", "suitor", "holder_list"):
            return None
    if (
        obj is None
        and cue.name in ("bid_noun", "price_bid")
        and not sentence.isupper()
        and (cue.name == "price_bid" or _TAKEOVER_NOUN.match(m.group()))
        and not _VERB_USE.match(sentence, m.end())
        and (bidder := _possessive_bidder(sentence, spans, start, clause)) is not None
    ):
        # "Y turned down X's tender offer, calling it inadequate": X bids, Y is sought.
        obj, right_role, left_role, bid_side = bidder, "acquirer", "target", True
    if cue.name == "bid_noun" and not bid_side:
        before = _nearest_before(spans, start, clause)
        gap = _TICKER.sub("", sentence[before[0].end : start]).strip(" '") if before else "-"
        named = (
            (gap == "" or (gap == "s" and headline))
            and (
                before[0].entity.strong
                or "<" in sentence[before[0].end : start]
                or (headline and sentence.isupper())
            )
            and not _NOT_TAKEOVER_OFFER.search(sentence, max(0, start - 30), start)
            and not _VERB_USE.match(sentence, m.end())
        )
        if named:
            # "the Sosnoff tender", "Waste's offer": the name before the noun.
            obj, right_role = before[0], "acquirer" if gap == "s" else "target"
            headline_noun = True
        elif not _TAKEOVER_NOUN.match(m.group()):
            return None  # a bare "offer" or "tender" is as often paper or goods
        else:
            bid_side = True
            if _TARGET_SIDE.search(sentence, clause, start) or (
                "received" in sentence and _RECEIVED_AFTER.match(sentence, end)
            ):
                left_role = "target"
    if (
        obj is None
        and cue.name in _BID_CUES
        and (cue.name == "price_bid" or _OWN_SHARES.match(sentence, end))
    ):
        # "rejects the 145 dlr/shr offer", "a tender offer for all its shares from Y":
        # a bid for the subject's own shares, the bidder (if named) after "from"/"by".
        bid_side = True
        features.append("bid_side")
        if _TARGET_SIDE.search(sentence, clause, start) or _OWN_SHARES.match(sentence, end):
            left_role = "target"
            bidder = _FROM_BIDDER.search(sentence, end, end + 100)
            if bidder:
                obj = _first_after(spans, bidder.end(), sentence, 4)
                right_role = "acquirer"
    if (
        cue.name in _TRADE_CUES
        and (obj is None or not obj.entity.strong or right_role != "target")
        and not _CONTROL_AHEAD.match(sentence, end)
        and _trades_goods(sentence, low, spans)
    ):
        # "bids on cattle for Egypt", "China buys U.S. wheat": commodity trade, unless the
        # object is a company ("sold its peanut milling business to Vexa Foods Inc").
        return None
    if (
        cue.name in _TRADE_CUES
        and obj is not None
        and right_role == "target"
        and any(stem in low for stem in _DEBT_PAPER_STEMS)
        and _buys_paper(sentence, end, obj)
    ):
        # "bought 30 mln dlrs of Y's 9.25 pct senior notes": Y's debt changes hands, not Y.
        features.append("debt_paper")
        return None
    # "bought the Fairview, Ore., toolmaker": a company the sentence does not name.
    asset_object = bool(
        towns
        and obj is None
        and obj_pos >= 0
        and right_role in ("target", "investee")
        and _first_after(towns, obj_pos, sentence) is not None
    )
    counterpart: tuple[Span, str] | None = None
    asset: str | None = None
    # "to buy the company", "a stake in the company": a company the story has named.
    the_company = (
        obj is None
        and right_role in ("target", "investee")
        and principal is not None
        and "the " in sentence
        and _THE_COMPANY.match(sentence, obj_pos if obj_pos >= 0 else end) is not None
    ) or (
        # "X said Y agreed to acquire it": "it" is X, the company named before the buyer.
        obj is None
        and right_role == "target"
        # buying only: "Y sold it a stake" makes "it" the buyer, not the one sold
        and cue.left == "acquirer"
        and principal is not None
        and _IT_OBJECT.match(sentence, obj_pos if obj_pos >= 0 else end) is not None
        and sum(1 for sp in spans if sp.end <= start and sp.entity.strong) >= 2
    )
    asset_np = (
        _ASSET_NP.match(sentence, pct_asset or end)
        if obj is None and right_role and cue.name in _ASSET_CUES and not the_company
        else None
    )
    if asset_np is None and obj is None and right_role and cue.name == "sold":
        buyer = next(
            (
                sp
                for sp in spans
                if end < sp.start and _SOLD_ASSETS_TO.fullmatch(sentence, end, sp.start)
            ),
            None,
        )
        if buyer is not None and buyer.entity.strong:
            asset_object = True
            features.append("asset_object")
            counterpart = (buyer, "acquirer")
    if (
        obj is None
        and asset_np is None
        and counterpart is None
        and left_role == "seller"
        and cue.name in _STAKE_SALE_CUES
        and (buyer := _stake_buyer(sentence, spans, end)) is not None
    ):
        # A block of shares (so many pct of the stock) sold to a named buyer: a stake changes hands.
        kind = "investment"
        counterpart = (buyer, "acquirer")  # as for a named stake sold to a buyer
        features[1] = "kind=investment"
        features.append("stake_sold_to")
    if asset_np is not None:
        asset_object = True  # "sells South African unit": a deal without a named target
        features.append("asset_object")
        asset = _asset_name(asset_np.group())
        of_unit = _OF_ITS.match(sentence, asset_np.end()) if asset is None else None
        if of_unit is not None:
            # "assets of its home furnishings division": the division is what changes hands.
            inner = _ASSET_NP.match(sentence, of_unit.end())
            asset = _asset_name(inner.group()) if inner is not None else None
        for other in spans:
            if other.start < end:
                continue
            if other.start - end > 110:
                break
            gap = sentence[end : other.start]
            if cue.left == "seller" and (_ASSET_BUYER.match(gap) or _TO.match(gap)):
                counterpart = (_unit_named(spans, other, sentence), "acquirer")
            elif cue.left == "acquirer" and (
                _ASSET_SELLER.match(gap) or _sold_by_owner(sentence, gap, other)
            ):
                counterpart = (other, "seller")
            elif not other.entity.strong:
                continue  # "sell the assets of its Fresno Valley division to Y"
            break
    if (
        cue.name == "merge_pair"
        and m.group().lower().startswith("combination")
        and (obj is None or not obj.entity.strong)
    ):
        return None  # "a combination of lower rates and intervention"
    if cue.name == "affiliation_of" and obj is not None:
        # "approved the affiliation of X with Y": X joins Y's holding company.
        join = _PAIR_JOIN.match(sentence, obj.end)
        second = (
            _first_after([s for s in spans if s.start > obj.end], join.end(), sentence, 1)
            if join is not None and join.group(1) == "with"
            else None
        )
        add(obj, "target")
        if second is not None:
            add(second, "acquirer")
        # The subject is the holding company only when "with" names nobody.
        left_role = "acquirer" if second is None else None
        obj = None
        right_role = None
    unit = _UNNAMED_UNIT_INTO.match(sentence, end) if cue.name == "merge_obj" else None
    if unit is not None and (obj is None or obj.start >= unit.end()):
        survivor = (
            None
            if sentence.startswith(("its ", "their "), unit.end())
            else _first_after(spans, unit.end(), sentence, 1)
        )
        if survivor is None:
            return None
        obj = None
        # "X merged an unnamed unit into Y", "... one of its units into Y": Y takes in a
        # unit of X's that the story does not name.
        add(survivor, "acquirer")
        asset_object = True
        features.append("asset_object")
        asset = _asset_name(unit.group("unit"))
    elif cue.name == "merge_obj":
        into = _MERGED_INTO.match(sentence, obj.end) if obj is not None else None
        survivor = (
            _first_after([s for s in spans if s.start > obj.end], into.end(), sentence, 1)
            if into is not None and obj is not None
            else None
        )
        if survivor is None or sentence.startswith(("its ", "their "), into.end()):
            # "merged its two units into one", "... into its Y division": no other company
            return None
        add(survivor, "acquirer")
    if cue.name == "merge_pair" and obj is not None:
        join = _PAIR_JOIN.match(sentence, obj.end)
        pos = join.end() if join is not None else obj.end
        second = _first_after([s for s in spans if s.start > obj.end], pos, sentence, 1)
        if second is not None and join is not None and join.group(1) == "into":
            add(second, "acquirer")  # "the merger of X into Y": Y survives
            add(obj, "target")
        else:
            add(obj, "acquirer")
            if second is not None:
                add(second, "target")
            else:
                lone_side = (obj.entity.key, _PARENT_BEFORE.search(sentence, end, obj.start))
        obj = None
        right_role = None

    # Subject side.
    subject_spans = [
        s for s in _nearest_before(spans, start, clause) if obj is None or s is not obj
    ]
    # "X Co, a West Chester, Pa., insurer, said it bought Y": the appositive's words are not X.
    while (
        len(subject_spans) > 1
        and not subject_spans[0].entity.strong
        and _APPOSITIVE.match(sentence, subject_spans[1].end, subject_spans[0].start)
    ):
        subject_spans = subject_spans[1:]
    relative = 0
    if len(subject_spans) > 1 and ", wh" in sentence[clause:start]:
        # "X, which acts with Y in its bid for Z, has bought ...", "X, who controls Y, will
        # buy ...": the names in the relative clause are not the subject.
        rel = _RELATIVE_BEFORE.search(sentence, clause, start)
        if rel is not None:
            outside = [sp for sp in subject_spans if not rel.start() < sp.start < rel.end()]
            if outside and outside[0] is not subject_spans[0] and outside[0].end <= rel.start():
                subject_spans = outside
                relative = rel.end() - rel.start()
    subject: Span | None = subject_spans[0] if subject_spans else None
    if (
        len(subject_spans) > 1
        and not pair
        and cue.name in _NOMINAL_CUES
        and _ITS_BEFORE.search(sentence, max(clause, start - 40), start)
        and _SAID_BETWEEN.search(sentence, subject_spans[-1].end, subject.start)
        # "X said Y agreed to sell its stake in X": X is the object, so "its" is Y's.
        and (obj is None or obj.entity.key != subject_spans[-1].entity.key)
    ):
        # "X said the regulator approved its proposed acquisition of Y": "its" is X's.
        if (
            cue.name in _STAKE_CUES
            and left_role == "investor"
            and _BUYS_ITS.fullmatch(sentence, subject.end, start)
        ):
            # "X said Y agreed to buy its stake in Z": Y buys X's stake, and X sells it.
            add(subject, "investor")
            left_role = "seller"
            features.append("speakers_stake_bought")
        subject = subject_spans[-1]
    if subject is not None and len(subject_spans) > 1 and subject is not subject_spans[-1]:
        # "X, a unit of P, said it ...": a name inside the lead's appositive is not the subject.
        lead = subject_spans[-1]
        if not sentence[clause : lead.start].strip(" \"'("):
            appos = _LEAD_APPOSITIVE.match(sentence, lead.end, start)
            if (
                appos is None
                and len(subject_spans) > 2
                and sentence[lead.end : subject_spans[-2].start] == " and "
            ):
                # "X and Y, parent of Z, said they ...": the appositive follows the second.
                appos = _LEAD_APPOSITIVE.match(sentence, subject_spans[-2].end, start)
            if appos is not None and subject.start < appos.end():
                subject = lead
                subject_spans = subject_spans[-1:]
            elif " and said " in sentence and _AND_SAID.search(sentence, subject.end, start):
                # "X asked for Y's holder list and said it may bid": "it" is X, the
                # subject of both verbs, not the name in the first verb's object.
                subject = lead
                subject_spans = subject_spans[-1:]
    if (
        subject is not None
        and clause > 0
        and spans[0].end <= subject.start
        and not sentence[: spans[0].start].strip(" \"'(")
        and _CLAUSE_BREAK.search(sentence, 0, start) is None
    ):
        # A long appositive can push the lead past the clause window: "X, the new
        # holding company of A in B, Ill., and C, said it will buy ...".
        appos = _LEAD_APPOSITIVE.match(sentence, spans[0].end, start)
        if appos is not None and subject.start < appos.end():
            subject = spans[0]
            subject_spans = [subject]
    if (
        subject is not None
        and len(subject_spans) > 1
        and " to " in sentence[max(clause, subject.start - 12) : subject.start]
        and _PAID_TO.search(sentence, max(clause, subject.start - 30), subject.start)
        and _TO_COMPLETE.match(sentence, subject.end)
    ):
        # "X issued N shares to Y to complete its purchase of Z": Y is paid, X buys.
        subject_spans = subject_spans[1:]
        subject = subject_spans[0]
    with_party: Span | None = None
    if (
        subject is not None
        and not pair
        and left_role in ("acquirer", "seller")
        and cue.left == left_role
        and len(subject_spans) > 1
        and subject is subject_spans[0]
        and _TO_BETWEEN.fullmatch(sentence, subject.end, start)
        and _AGREED_WITH.search(sentence, max(clause, subject.start - 30), subject.start)
    ):
        # "X reached agreement with Y to buy Z": X buys, Y is the other side.
        with_party, subject = subject, subject_spans[1]
    elif (
        subject is not None
        and cue.name in ("acq_of", "sale_of")
        and subject is subject_spans[0]
        and _ABOUT_BETWEEN.fullmatch(sentence, subject.end, start)
        and _TALKS_WITH.search(sentence, max(clause, subject.start - 30), subject.start)
    ):
        # "X ended talks with Y about the possible purchase of Z": X buys (or sells), Y is
        # the other side; without a name before, X is the story's subject ("it").
        with_party = subject
        subject_spans = subject_spans[1:]
        subject = subject_spans[0] if subject_spans else None
    unnamed_buyer = (
        subject is not None
        and left_role == "acquirer"
        and cue.left == "acquirer"
        and " said " in sentence
        and _UNNAMED_ACTOR.fullmatch(sentence, subject.end, start) is not None
    )
    if unnamed_buyer and subject is not None:
        # "X said unnamed investors proposed buying its mill": the buyer goes unnamed,
        # and X, whose mill it is, sells ("its products", "its shares" are no part of X's).
        if _ITS_PART_AHEAD.match(sentence, end):
            add(subject, "seller")
        subject, subject_spans = None, []
    if (
        subject is not None
        and left_role == "acquirer"
        and cue.left == "acquirer"
        and len(subject_spans) > 1
        and _ITS_PART_AHEAD.match(sentence, end)
        and not _OWN_AHEAD.match(sentence, end)
    ):
        # "X said Y agreed to buy its textile unit": the unit is X's, and X sells it.
        speaker = subject_spans[-1]
        said = _SPEAKER_SAID.match(sentence, speaker.end)
        if (
            said is not None
            and said.end() <= subject.start
            and speaker.entity.key != subject.entity.key
            and (obj is None or speaker.entity.key != obj.entity.key)
        ):
            add(speaker, "seller")
    if subject is not None and (
        _ADVISER_GAP.fullmatch(sentence, subject.end, start)
        or (
            _RETAINED_BEFORE.search(sentence, max(clause, subject.start - 20), subject.start)
            and _TO_BETWEEN.match(sentence, subject.end)
            and sentence.find(" to ", subject.end, start) == subject.end
        )
    ):
        # "X hired Y to assist it in selling Z": Y only advises; "it" is X.
        rest = subject_spans[1:]
        subject = rest[0] if rest else None
        subject_spans = rest
    if subject is not None and cue.name not in ("acq_passive_done", "acq_passive"):
        gap = sentence[subject.end : start]
        if len(gap) - relative > 120:
            subject = None
    if (
        self_object
        and obj is not None
        and principal is not None
        and obj.entity.key == principal.key
        and (subject is None or subject.entity.key == principal.key)
    ):
        obj = None  # "X says it lifted its holding in the company": the company is not X
        if subject is not None and kind == "acquisition" and cue.name not in _STAKE_CUES:
            # "X said it got proposals to buy the company": X is the one to be bought.
            left_role, bid_side = right_role, True
            features.append("self_target")
    if (
        (cue.name == "acq_by" or (cue.name in _PASSIVE_CUES and "taken" in m.group()))
        and subject is not None
        and not subject.entity.strong
    ):
        # "Given the takeover by Y", "Heavy truck operations will be taken over by Y": a
        # capitalised opening word is no company being bought.
        return None
    pronoun = (
        subject is None
        and not unnamed_buyer
        and left_role is not None
        and principal is not None
        # "it sold its stake in X" where X is the story's main company: "it" is someone else.
        and (obj is None or obj.entity.key != principal.key)
        and (_PRONOUN.search(sentence[clause:start]) is not None or start - clause < 3)
    )
    referent: Entity | None = None
    if the_company and principal is not None:
        subject_key = subject.entity.key if subject is not None else None
        if pronoun:
            subject_key = principal.key
        # The company named first that is not the buyer: "X said Y bought a stake in the
        # company" is X's stake; failing that, the story's main company.
        referent = next(
            (
                sp.entity
                for sp in spans
                if sp.start < start and sp.entity.strong and sp.entity.key != subject_key
            ),
            None,
        )
        if referent is None and principal.key != subject_key:
            referent = principal
        if referent is None:
            # "X said it got proposals to buy the company": X is the one to be bought.
            left_role, bid_side = right_role, True
            features.append("self_object")

    if subject is not None and left_role:
        if pair:
            group = [subject]
            for span in subject_spans[1:3]:
                gap = _TICKER.sub("", sentence[span.end : group[-1].start]).replace(">", "")
                if not _PAIR_GAP.match(gap):
                    break
                group.append(span)
            for i, span in enumerate(reversed(group)):
                # "holders of X and of Y backed merging both firms": X leads.
                second = kind == "merger" and i and (right_role is None or obj is None)
                add(span, "target" if second else left_role)
        else:
            add(subject, left_role)
        if cue.name == "merge_to" and len(parties) < 2:
            # "X said its board and the board of Y approved an agreement to merge":
            # the other side is named earlier in the same clause.
            for span in subject_spans[1:2]:
                # The company named first leads, as in "X and Y agreed to merge".
                parties[0] = Party(parties[0].name, parties[0].key, "target", parties[0].company_id)
                add(span, "acquirer")
    elif pronoun and left_role and principal is not None:
        parties.append(Party(principal.name, principal.key, left_role, principal.company_id))
        used.add(principal.key)
        features.append("pronoun_subject")

    if lone_side is not None and len(parties) > 1:
        # "X closed the merger of Y": X absorbs Y; "X's holders approved the
        # merger of a subsidiary of Y": Y's unit absorbs X.
        key, via_parent = lone_side
        parties[:] = [
            Party(p.name, p.key, "target", p.company_id)
            if p.role == "acquirer" and (p.key != key) == bool(via_parent)
            else p
            for p in parties
        ]
    if referent is not None and right_role and referent.key not in used:
        used.add(referent.key)
        parties.append(Party(referent.name, referent.key, right_role, referent.company_id))
        features.append("the_company")
    if with_party is not None:
        add(with_party, "seller" if left_role == "acquirer" else "acquirer")
    if (
        bid_side
        and left_role == "target"
        and principal is not None
        and parties
        and principal.key not in used
        and obj is None
        and _ITS_RIGHT_BEFORE.search(sentence, max(clause, start - 12), start)
    ):
        # "Y turned down its takeover bid" in a story about X: the bid is X's.
        parties.append(Party(principal.name, principal.key, "acquirer", principal.company_id))
        used.add(principal.key)
        features.append("pronoun_bidder")
    if counterpart is not None:
        add(*counterpart)
    if cue.name == "sold_to" and left_role == "target" and parties:
        holder = _stake_holder(sentence, spans, parties[0], clause)
        if holder is not None:
            add(holder, "seller")  # "X said its 10 pct stake in Y will be sold to Z"
    if obj is not None and right_role == "target" and left_role in ("acquirer", "seller"):
        # "bought X Corp's Y unit, Y Ltd": Y is the target, X (if not the seller already) sells.
        unit = next((sp for sp in spans if sp.start >= obj.end), None)
        if (
            unit is not None
            and _OWNED_UNIT.fullmatch(sentence, obj.end, unit.start)
            and not _goods(unit, sentence)
        ):
            if left_role == "acquirer":
                add(obj, "seller")
            obj = unit
    named_asset = (
        _named_asset(sentence, obj, parts=right_role == "target")
        if obj is not None and right_role in ("target", "investee")
        else None
    )
    if obj is not None and right_role:
        obj_end = obj.end
        if named_asset is not None:
            # "its Fresno, Calif., bottling plant": the name only says which plant.
            asset, obj_end, owner = named_asset
            asset_object = True
            features.append("named_asset")
            if owner and cue.left in ("acquirer", "investor"):
                add(obj, "seller")
        else:
            rename = None
            place = _PLACE_UNIT.match(sentence, obj.end)
            if place:
                rename = f"{obj.entity.name} {place.group(1)}"
            add(obj, right_role, rename)
        # The other sides named after the object: "... Y from Z", "sell Y to Z", "of Y by Z".
        for span in spans:
            if span.start <= obj_end or span.start - obj_end > 70:
                continue
            if sentence.startswith(")", span.end) and sentence[span.start - 1 : span.start] == "(":
                continue  # "Sociedade ... Sarl (SIAF), to ...": the short form in brackets
            gap = sentence[obj_end : span.start]
            named = _unit_named(spans, span, sentence)
            if (cue.left == "seller" or left_role == "seller" or right_role == "seller") and (
                _TO.match(gap) or (cue.name == "receive_for" and _FROM.match(gap))
            ):
                add(named, "acquirer")
            elif cue.left in ("acquirer", "investor") and (
                _FROM.match(gap)
                or _sold_by_owner(sentence, gap, span)
                or _UNIT_OF.match(gap)
                or SUBSIDIARY_OF.match(gap)
                or (gap.strip() == "of" and _UNIT_END.search(obj.entity.name))
            ):
                add(named, "seller")
            elif (cue.name in ("acq_of", "acq_bid") or _investment_noun(cue, m)) and _BY.match(gap):
                # "X announced the acquisition of Y by Z": Z buys, X only announces;
                # so "an investment in Y by Z".
                buyer = "investor" if cue.left == "investor" else "acquirer"
                parties[:] = [p for p in parties if p.role != buyer]
                add(named, buyer)
            elif not span.entity.strong:
                continue  # "its Sunrise, Fla., branch to Y": a place before the other side
            break
    if cue.name == "raise":
        for span in spans:
            if span.start <= end:
                continue
            gap = sentence[max(end, span.start - 12) : span.start]
            if _LED_BY.search(gap):
                add(span, "lead_investor")
            elif gap.endswith(("from ", "by ")):
                add(span, "investor")

    if not parties:
        return None
    roles = {p.role for p in parties}
    if (
        cue.name == "invest"
        and roles == {"investee"}
        and _only_a_place(parties[0], spans, sentence)
    ):
        # "NORWAY SAYS ITS INVESTMENT IN U.S. FELL": money flowing into a country, with nobody
        # named as investing; not a stake in a company.
        return None
    if (
        roles == {"investee"}
        and cue.name in ("stake_pct", "stake")
        and _SHARE_ISSUE.search(sentence)
    ):
        # "an offering of 6 mln new shares, or a 9 pct interest in X": X issues its own
        # shares, and nobody is named as buying them.
        return None
    if (
        cue.name in ("stake", "stake_pct", "stake_noun")
        and "STAKE" in m.group()
        and obj is None
        and headline
        and sentence.isupper()
    ):
        # "ACME BUYS STAKE IN FIRM": a caps flash on a stake whose company goes unnamed.
        headline_noun = True
    has_object = (
        asset_object
        or headline_noun
        or unnamed_buyer_group
        or bid_side
        or (bool(roles - {left_role}) if left_role else True)
    )
    if kind == "partnership" and len(parties) < 2:
        return None
    if (
        kind == "merger"
        and len(parties) < 2
        and cue.name in ("merge_to", "merger_noun")
        and not (headline and sentence.isupper() and not _MERGER_MODIFIER.match(sentence, m.end()))
    ):
        return None  # a caps flash may name one side only: "ACME IN MERGER AGREEMENT"
    if (
        kind in ("acquisition", "investment")
        and not has_object
        and cue.name
        not in (
            "raise",
            "sell_explore",
            "bid_received",
            "rights_plan",
            "standstill",
            "acq_passive_open",
            "go_private",
            "lbo",
            "sold_to",
        )
        and cue.name not in _ONE_SIDED_IN_PLAY
    ):
        return None

    stage, modifier = _stage_from_context(sentence, start, end, clause)
    features.append(f"mod={modifier}")
    if cue.name == "lbo" and m.group("done") and stage != "called_off":
        stage = "completed"  # "ACME LBO COMPLETED": the stage follows the noun
    elif cue.name in ("sold_to", "sold_by") and m.group("be") and stage is None:
        stage = "agreed"  # "is to be sold to Y"
    if stage is None:
        stage = cue.stage
        if cue.name == "acq_of":
            prefix = sentence[clause:start]
            if (
                _POSSESSIVE_BEFORE.search(prefix)
                or _LAST_YEAR.search(prefix)
                or _DATED_OBJECT.match(sentence, end)
            ):
                stage = "completed"  # "the acquisition of X in March 1986": done, and dated
        elif cue.name == "acq_noun" and not _LAST_YEAR.search(sentence[clause:start]):
            stage = "agreed"
    if (cue.name == "talks" or tendered) and stage != "called_off":
        stage = "in_talks"
    elif cue.name == "rights_plan":
        stage = "rumoured"  # adopting a defence agrees no deal; it says a bid may come
    elif cue.name in _SPECULATIVE and stage != "called_off":
        stage = "rumoured"  # "has long drawn takeover rumours": talk, however old
    if results and stage == "completed" and cue.name in ("acq_of", "acq_noun", "acq_done"):
        features.append("results_history")
        if not headline:
            return None

    amount, valuation = _amounts(money, sentence)
    stake = _stake(sentence) if kind in ("investment", "acquisition") else None

    confidence = cue.base
    if has_object and len(parties) >= 2:
        confidence += 0.1
        features.append("both_sides")
    if any(_is_strong(p, spans) for p in parties):
        confidence += 0.05
        features.append("strong_party")
    if amount is not None:
        confidence += 0.05
        features.append("amount")
    if pronoun:
        confidence -= 0.15
    # News leads with the deal: the headline and the first sentence, or in a story
    # without a headline its first two sentences. Further down a deal is more and
    # more likely background (weights fitted on the Reuters training split).
    if headline or position <= (0 if titled else 1):
        confidence += 0.1
        features.append("lead")
    elif position >= 4:
        confidence -= 0.4
        features.append("deep")
    else:
        confidence -= 0.1
        features.append("middle")
    if stage == "rumoured":
        confidence -= 0.05
    if "option" in sentence and _mere_option(sentence, start, clause):
        confidence -= 0.2
        features.append("option")
    if (
        not headline
        and stage == "completed"
        and modifier != "before_completed"
        and _PAST_DATE.search(sentence, clause)
    ):
        # "IBM acquired Rolm in 1984", "formed last month when X bought Y": background.
        confidence -= 0.3
        features.append("history")

    if headline:
        features.append("headline")
    features.append(f"stage={stage}")
    return Candidate(
        kind=kind,
        stage=stage,
        parties=parties,
        amount=amount,
        stake_pct=stake,
        valuation=valuation,
        evidence=sentence,
        confidence=max(0.05, min(0.99, confidence)),
        headline=headline,
        story=story,
        sentence_index=index,
        features=features,
        asset=asset if asset_object and right_role in ("target", "investee") else None,
    )


def _is_strong(party: Party, spans: list[Span]) -> bool:
    return any(s.entity.key == party.key and s.entity.strong for s in spans)


def _talks_roles(kind: str) -> tuple[str, str]:
    return {
        "acquisition": ("acquirer", "target"),
        "merger": ("acquirer", "target"),
        "investment": ("investor", "investee"),
        "ipo": ("issuer", "issuer"),
        "debt": ("borrower", "lender"),
    }.get(kind, ("partner", "partner"))


def later_amount(
    sentences: list[str], money_by_sentence: Mapping[int, list[MoneyMention]], index: int
) -> Amount | None:
    """A deal amount stated in one of the next sentences ("The price is five million dollars").

    Wire copy states the price within four sentences of the deal; a figure
    further on belongs to the background the story has moved to (an earlier
    sale, a rival's bid).
    """
    for j in range(index + 1, min(index + 5, len(sentences))):
        for mention in money_by_sentence.get(j, ()):
            if mention.role == "deal" and _deal_context(sentences[j], mention):
                return mention.amount
    return None
