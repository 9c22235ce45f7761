"""The deal vocabulary: which words report a deal, of what kind, at what stage.

Each cue is a regex with the literal stems it needs; `cue_matches` finds the
stems with one Aho-Corasick pass and runs only those cues, near them.
Stage words ("agreed", "in talks", "terminated") are read separately around a
cue, because the same verb ("acquire") is agreed in "agreed to acquire", in
talks in "in talks to acquire" and called off in "scrapped its plan to acquire".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ahocorasick

from .text import plain_ascii, twin_flags, word_automaton


@dataclass(frozen=True, slots=True)
class Cue:
    """What a deal word implies about the deal and where its parties sit.

    left/right are the roles of the nearest company before the cue and of the
    first company after it (after `prep` when set: "invest $5m in X").
    """

    name: str
    kind: str | None  # None: read from the rest of the sentence ("talks")
    stage: str
    left: str | None
    right: str | None
    prep: str | None
    base: float
    pattern: str
    pair: bool = False  # both sides are partners of equal standing
    # Fires only where what it is about is a company (`deals._object_fits`): "300 homes
    # were sold to buyers", "take X to court over private data" are no deals.
    gated: bool = False


_ACQ = r"(?:buying|ac?quiring|purchasing|buy|ac?quire|purchase|take\s+over|buy\s+out|snap\s+up|take\s+control\s+of)"
_ACQ3 = r"(?:buys|ac?quires|purchases|takes\s+over|buys\s+out|snaps\s+up|takes\s+control\s+of)"
_ACQED = r"(?:bought|ac?quired|purchased|took\s+over|bought\s+out|snapped\s+up|took\s+control\s+of)"
# After "be"/"been" the participle: "has been taken over by Y".
_ACQED_PASSIVE = rf"(?:{_ACQED}|taken\s+over)"
_NOT_BACK = r"(?!\s+back|\s+(?:more|less|time|shares\s+back))"
# Wire copy misspells the noun often enough: "aquisition", "acquisiton", "acquistion".
_ACQUISITION = r"(?:ac?quis(?:ition|iton|tion))"
# "the state buying agency", "selling pressure", "purchasing managers", "a volume purchase
# agreement with a bank": the word describes a noun, it is not a verb with an object.
_NOT_MODIFIER = (
    r"(?!\s+(?:agency|agencies|power|spree|managers|pressure|programmes?|programs?|operations|"
    r"orders?|prices?|rates?|missions?|teams?|policy|policies|habits|decisions?|activity|"
    r"patterns?|intervention|agreements?|contracts?)\b)"
)
_STAKE = (
    r"(?:stake|interest|holdings?|shareholding|share|equity\s+stake|minority\s+stake|majority\s+stake|"
    r"equity\s+position)"
)
_PER_SHARE = (
    r"\d[\d.,]*(?:\s+\d+/\d+)?[\s-]*(?:dlrs?|pence|p|cts|cents|stg|marks|francs|yen|crowns)?"
    r"[\s-]*(?:a|per|/)[\s-]*(?:share|shr)\b"
)
_PCT = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:pct|%|percent|per\s+cent)"

# Cues of a company in play before any deal is struck: takeover speculation about it,
# buyers lining up for something it sells, interest shown in it, a bank holding company
# "affiliation" (the wire's word for a bank merger), a tender offer being prorated.
# They come first: at the same position ("takeover target") they win over the bare nouns.
IN_PLAY_CUES: tuple[Cue, ...] = (
    Cue(
        "takeover_talk",
        "acquisition",
        "rumoured",
        "target",
        None,
        None,
        0.5,
        r"\btakeover\s+(?:targets?|candidates?|speculation|rumou?rs?|play)\b"
        r"|\btarget\s+of\s+(?:an?\s+)?(?:possible\s+|potential\s+|hostile\s+|unwanted\s+)?"
        r"(?:takeover|buyout|bid|acquisition)\b",
    ),
    Cue(
        "interest_shown",
        "acquisition",
        "rumoured",
        "target",
        None,
        None,
        0.5,
        r"\b(?:expressions?|indications?)\s+of\s+interest\b",
    ),
    Cue(
        "other_buyer",
        "acquisition",
        "rumoured",
        "seller",
        None,
        None,
        0.5,
        r"\b(?:alternat(?:e|ive)|another)\s+buyers?\b",
    ),
    Cue(
        "affiliation_of",
        "merger",
        "agreed",
        "target",
        "acquirer",
        None,
        0.6,
        r"\baffiliation\s+of\b",
    ),
    Cue("affiliation", "merger", "agreed", "acquirer", None, None, 0.45, r"\baffiliation\b"),
    Cue("proration", "acquisition", "agreed", "acquirer", None, None, 0.5, r"\bprorat(?:ion|ed)\b"),
)

# A company another owns: "Y, a unit of X", "X's Y subsidiary". One list for every
# rule that reads ownership, so they cannot drift apart.
UNIT_NOUNS = ("unit", "subsidiary", "affiliate", "division", "arm")
UNIT_NOUN = rf"(?:{'|'.join(UNIT_NOUNS)})"

# The rest of a holding: "the 40 pct stake that it does not own in X".
NOT_YET_OWNED = r"(?:(?:that\s+|which\s+)?(?:it|they|he|she)\s+(?:does|do|did)\s+not\s+(?:already\s+)?(?:own|hold)\s+)"
# "a 10 pct stake (that) it holds in X": the holder's own stake, named by a relative clause.
HELD_BY_IT = r"(?:(?:that\s+|which\s+)?(?:it|they)\s+(?:holds?|owns?|held|owned)\s+)"

CUES: tuple[Cue, ...] = (
    *IN_PLAY_CUES,
    Cue(
        "acq_passive_done",
        "acquisition",
        "completed",
        "target",
        "acquirer",
        None,
        0.75,
        rf"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+{_ACQED_PASSIVE}\s+by\b",
    ),
    Cue(
        "acq_passive",
        "acquisition",
        "agreed",
        "target",
        "acquirer",
        None,
        0.7,
        rf"\b(?:be|being|is|are)\s+{_ACQED_PASSIVE}\s+by\b",
    ),
    # A deal told from the target's side with no buyer named: "X agreed to be acquired",
    # "X TO BE ACQUIRED" (with "by" it is acq_passive above).
    Cue(
        "acq_passive_open",
        "acquisition",
        "agreed",
        "target",
        None,
        None,
        0.6,
        r"\b(?:be|being)\s+(?:acquired|bought|purchased|taken\s+over|bought\s+out)\b"
        r"(?!\s+(?:by|back|in|with|from|at|on|through|under|for\s+(?:its|their)\b))",
    ),
    # Going private: the company is bought out by its management or a buyer group.
    Cue(
        "go_private",
        "acquisition",
        "agreed",
        "target",
        None,
        None,
        0.6,
        r"\b(?:go|goes|going)[\s-]+private\b"
        r"|\b(?:take|takes|taking)\s+(?:the\s+company|the\s+firm|itself|it)\s+private\b",
    ),
    Cue(
        "take_private",
        "acquisition",
        "agreed",
        "acquirer",
        "target",
        None,
        0.6,
        r"\b(?:take|takes|taking)\b"
        r"(?=\s+(?!the\s+company|the\s+firm|itself|it\b)(?:[\w.&'<>-]+\s+){1,5}?private\b)",
        gated=True,
    ),
    # A leveraged or management buyout named alone is the company's own: "X LBO COMPLETED"
    # (the stage said after it), "X completed its leveraged buyout" ("buyout of Y" is acq_of).
    Cue(
        "lbo",
        "acquisition",
        "agreed",
        "target",
        "acquirer",
        "by",
        0.55,
        r"\b(?:LBO|leveraged\s+buy[\s-]?out|management\s+buy[\s-]?out)\b"
        r"(?:\s+(?:(?:was|is|has\s+been)\s+)?(?P<done>completed|closed|consummated)\b)?"
        r"(?!\s+(?:of|firms?|groups?|specialists?|funds?|partnerships?|partners|boom|market|"
        r"financing|debt|loans?|lending|proposals?|offers?|bids?|plans?|attempts?|talks)\b)",
    ),
    # The passive of a sale: "X UNIT SOLD TO Y", "its Z unit was sold to Y" (agreed when
    # it is "to be sold to Y").
    Cue(
        "sold_to",
        "acquisition",
        "completed",
        "target",
        "acquirer",
        None,
        0.6,
        r"\b(?:(?P<be>be|being)|was|were|has\s+been|have\s+been|had\s+been)\s+sold\s+to\b"
        r"|(?-i:\bSOLD\s+TO\b)",
        gated=True,
    ),
    # The passive with its seller: "X Inc was sold by Y to Z" (Z is read in deals).
    Cue(
        "sold_by",
        "acquisition",
        "completed",
        "target",
        "seller",
        None,
        0.6,
        r"\b(?:(?P<be>be|being)|was|were|has\s+been|have\s+been|had\s+been)\s+sold\s+by\b",
        gated=True,
    ),
    Cue(
        "merge_pair",
        "merger",
        "agreed",
        "acquirer",
        "target",
        None,
        0.7,
        r"\b(?:merger|combination|merging)\s+(?:of|between)\b",
        pair=True,
    ),
    # "X agreed to merge with Y", "X's merger with Y": wire usage names the
    # company being absorbed first and the surviving one after "with"/"into".
    Cue(
        "merge",
        "merger",
        "agreed",
        "target",
        "acquirer",
        None,
        0.7,
        r"\b(?:merge|merges|merged|merging|combine|combines)\s+(?:with|into)\b"
        r"|\bmerger\s+(?:agreement\s+|pact\s+|deal\s+|talks\s+)?(?:with|into)\b",
    ),
    # "X merged its Y unit into Z": X gives up Y, which Z absorbs (Z is read in deals).
    Cue(
        "merge_obj",
        "merger",
        "completed",
        "seller",
        "target",
        None,
        0.6,
        r"\b(?:merged|merges)\s+(?!with\b|into\b|and\b|or\b)(?=[^.;]{1,70}?\binto\s)",
    ),
    Cue(
        "merge_to",
        "merger",
        "agreed",
        "acquirer",
        None,
        None,
        0.6,
        r"\b(?:to|will|would|agreed\s+to|agree\s+to|plan\s+to|plans\s+to)\s+merge\b(?!\s+(?:with|into))",
        pair=True,
    ),
    Cue(
        "stake_pct",
        "investment",
        "agreed",
        "investor",
        "investee",
        None,
        0.65,
        rf"\b{_PCT}\s+(?:{_STAKE}\s+(?:{NOT_YET_OWNED}|{HELD_BY_IT})?(?:in|of)|of\s+(?:the\s+)?(?:outstanding\s+|common\s+|voting\s+|"
        r"issued\s+)*(?:shares|stock|equity|capital|common)\s+(?:of|in))\b",
    ),
    # Bare "N pct of X" and "N shares of X" need a holding verb before them (see deals).
    Cue(
        "pct_of",
        "investment",
        "completed",
        "investor",
        "investee",
        None,
        0.55,
        rf"\b{_PCT},?\s+(?:of|in)\b",
    ),
    Cue(
        "shares_of",
        "investment",
        "completed",
        "investor",
        "investee",
        None,
        0.55,
        r"\b\d[\d,.]*\s+(?:mln\s+|million\s+)?(?:(?:common|ordinary|preferred|voting|class\s+[a-z])\s+|(?-i:[a-z]+)\s+){0,2}shares\s+(?:of|in)\b",
    ),
    # "raised its holdings in X", "acquired an equity position in X", "increased its
    # preferred stock in X": a holding named by what it is.
    Cue(
        "stake",
        "investment",
        "agreed",
        "investor",
        "investee",
        None,
        0.6,
        rf"\b{_STAKE}\s+in\b|\b(?:its|their|his)\s+(?:common|preferred)\s+stock\s+in\b"
        # "its holdings of X common stock": a holding named by the stock it is in.
        r"|\b(?:holdings?|shareholding|stake)\s+of\b(?=[^.;]{1,60}?\b(?:stock|shares)\b)"
        # "wants permission to own up to 15 mln dlrs of X voting shares"
        r"|\b(?:clearance|approval|permission)\s+to\s+(?:hold|own)\s+(?:more\s+than\s+|up\s+to\s+|over\s+)?"
        r"(?:[\d.,]+\s+(?:mln\s+|million\s+|bln\s+|billion\s+)?(?:dlrs|dollars)\s+(?:worth\s+)?of|"
        r"(?:a\s+)?(?:stake|interest)\s+in)\b",
    ),
    Cue(
        "bid_from",
        "acquisition",
        "in_talks",
        "target",
        "acquirer",
        None,
        0.6,
        # an offer "made" some days ago "by" the bidder
        r"\b(?:offer|bid|proposal|approach|tender\s+offer|takeover\s+(?:bid|offer))\s+"
        r"(?:made\s+(?:(?:last|this|earlier\s+this)\s+\w+\s+|earlier\s+|yesterday\s+|today\s+)?)?"
        r"(?:from|by)\b",
    ),
    Cue(
        "bid_received",
        "acquisition",
        "in_talks",
        "target",
        "acquirer",
        "from|by",
        0.6,
        r"\b(?:gets|got|receives|received|receiving|getting|weighs|studying)\s+"
        r"(?:(?:a|an|the|new|another|unsolicited|hostile|takeover|buyout|merger|acquisition|rival|"
        r"higher|revised|sweetened|cash)\s+)*(?:offers?|bids?|proposals?|approach(?:es)?)\b",
    ),
    Cue(
        "acq_bid",
        "acquisition",
        "in_talks",
        "acquirer",
        "target",
        None,
        0.6,
        r"\b(?:tender\s+offer|takeover\s+(?:bid|offer|proposal)|buyout\s+(?:bid|offer|proposal)|"
        r"acquisition\s+(?:bid|offer|proposal)|merger\s+(?:bid|offer|proposal)|bid|offer|proposal)"
        rf"\s+(?:to\s+(?:{_ACQ}|takeover)|for)\b",
    ),
    # A per-share price names a bid for a company's shares: "a 28 dlrs a share
    # tender offer", "rejects 145 dlr/shr offer", "an offer of 11.50 dlrs a share".
    Cue(
        "price_bid",
        "acquisition",
        "in_talks",
        "acquirer",
        "target",
        None,
        0.6,
        rf"\b{_PER_SHARE}\s*(?:(?:cash|tender|takeover|buyout|merger|acquisition|hostile|unsolicited|"
        r"revised|new|higher)\s+)*(?:offer|bid|tender|proposal)\b"
        r"|\b(?:tender\s+)?(?:offer|bid|proposal)\s+(?:price\s+)?(?:of\s+)?(?:about\s+|up\s+to\s+)?"
        rf"{_PER_SHARE}",
    ),
    Cue(
        "acq_of",
        "acquisition",
        "agreed",
        "acquirer",
        "target",
        None,
        0.55,
        rf"\b(?:{_ACQUISITION}s?|purchase|takeover|take-over|buyout|buy-out|acquiring|purchasing|buying|"
        r"control)\s+of\b",
    ),
    # The deal noun told from the target's side: "X agreed to a takeover by Y". Only after a
    # verb of agreement: the bare noun is as often fought off, feared or blocked ("fought off
    # a hostile takeover by Y", "a takeover by Y would be unwelcome"). Not "the acquisition
    # by Y of Z" (the subject is no party there), read by acq_of's own "by".
    Cue(
        "acq_by",
        "acquisition",
        "agreed",
        "target",
        "acquirer",
        None,
        0.55,
        r"\b(?:(?:agreed|agrees|agree|agreeing|consented|consents)\s+to|accepted|accepts|"
        r"approved|approves|backed|backs|recommended|recommends|endorsed|endorses)\s+"
        r"(?:(?!(?:by|of|to|and|or|but|not)\b)[\w.$-]+\s+){0,5}?"
        rf"(?:{_ACQUISITION}|takeover|take-over|buyout|buy-out)\s+by\b"
        r"(?![^,;]{0,100}?\bof\b)",
    ),
    Cue(
        "sale_of",
        "acquisition",
        "agreed",
        "seller",
        "target",
        None,
        0.5,
        # "the sale, for 12 mln stg in cash, of three hotels": the price may come first.
        r"\b(?:sale|divestiture|disposal|disposition|selling|divesting|spinoff|spin-off)"
        r"(?:,\s+for\s+[^,;.]{1,40},)?\s+of\b",
    ),
    Cue(
        "sell_explore",
        "acquisition",
        "rumoured",
        "target",
        None,
        None,
        0.5,
        r"\b(?:put|puts|putting)\s+(?:itself|\w+)\s+up\s+for\s+sale\b|\bseek(?:s|ing)?\s+(?:a\s+)?buyers?\b"
        r"|\bexplor(?:e|es|ing)\s+(?:a\s+|the\s+)?(?:possible\s+|potential\s+)?sale\b"
        r"|\bstrategic\s+alternatives\b",
    ),
    Cue(
        "acq_done",
        "acquisition",
        "completed",
        "acquirer",
        "target",
        None,
        0.65,
        rf"\b{_ACQED}\b{_NOT_BACK}",
    ),
    Cue(
        "acq3",
        "acquisition",
        "agreed",
        "acquirer",
        "target",
        None,
        0.65,
        rf"\b{_ACQ3}\b{_NOT_BACK}",
    ),
    Cue(
        "acq",
        "acquisition",
        "agreed",
        "acquirer",
        "target",
        None,
        0.6,
        rf"\b{_ACQ}\b{_NOT_BACK}{_NOT_MODIFIER}",
    ),
    Cue(
        "pay_for",
        "acquisition",
        "agreed",
        "acquirer",
        "target",
        None,
        0.55,
        r"\b(?:pay|pays|paid|paying)\s+(?:(?:a\s+)?(?:cash\s+|total\s+)?(?:consideration|sum|price)\s+"
        r"of\s+)?(?:about\s+|around\s+|some\s+|nearly\s+|up\s+to\s+)?"
        r"(?:US\$|C\$|\$|£|€|\d)(?:[^.;]|\.\d){0,40}?\bfor\b",
    ),
    # "X is to become a subsidiary of Y": Y takes X over.
    Cue(
        "become_unit",
        "acquisition",
        "agreed",
        "target",
        "acquirer",
        None,
        0.55,
        r"\b(?:become|becomes|became|becoming|be\s+operated\s+as|operate\s+as)\s+an?\s+"
        r"(?:(?:wholly[\s-]owned|majority[\s-]owned|separate|new|separately\s+run)\s+)?"
        rf"{UNIT_NOUN}\s+of\b",
    ),
    # "X investors get 0.8 share of Y for every X share": Y takes X over in stock.
    Cue(
        "share_ratio",
        "acquisition",
        "agreed",
        "target",
        "acquirer",
        None,
        0.55,
        r"\b(?:get|gets|getting|receive|receives|received|receiving)\s+(?:about\s+)?"
        r"(?:\d*\.?\d+|one|two|three|a|one-half|one-third)\s+(?:new\s+|common\s+)?shares?\s+of\b"
        r"(?=[^.;]{1,60}?\bfor\s+(?:each|every)\b)",
        gated=True,
    ),
    # The seller's view of a sale: X is to receive a sum for its Y unit from the buyer Z.
    Cue(
        "receive_for",
        "acquisition",
        "agreed",
        "seller",
        "target",
        None,
        0.55,
        r"\b(?:receive|receives|received|receiving)\s+(?:about\s+|around\s+|some\s+|nearly\s+|"
        r"up\s+to\s+)?(?:US\$|C\$|\$|£|€|\d)(?:[^.;]|\.\d){0,40}?\bfor\b",
    ),
    # "X swapped new stock for 30 pct of Y": paying in kind for Y.
    Cue(
        "swap_for",
        "acquisition",
        "completed",
        "acquirer",
        "target",
        None,
        0.5,
        r"\b(?:exchanged|swapped)\s(?:[^.;]|\.\d){1,80}?\bfor\s+(?:the\s+|an?\s+)?"
        rf"(?:{_PCT}\s+(?:(?:interest|stake)\s+in|of)\s+(?:privately[\s-]owned\s+|privately[\s-]held\s+)?)?",
    ),
    Cue(
        "sold",
        "acquisition",
        "completed",
        "seller",
        "target",
        None,
        0.55,
        r"\b(?:sold|divested|disposed\s+of|spun\s+off)\b",
    ),
    Cue(
        "sell",
        "acquisition",
        "agreed",
        "seller",
        "target",
        None,
        0.5,
        r"\b(?:sell|sells|selling|divest|divests|dispose\s+of|disposes\s+of|spin\s+off|spins\s+off)\b(?!\s+(?:off|out))",
    ),
    Cue(
        "bid_for",
        "acquisition",
        "in_talks",
        "acquirer",
        "target",
        None,
        0.55,
        r"\b(?:bids|bid|bidding|offer|offers|offered|offering|tenders|tendering|tender)\b"
        rf"(?!\s+to\s+{_ACQ}\b)(?:[^.;]|\.\d){{0,50}}?\bfor\b",
    ),
    Cue(
        "stake_noun",
        "investment",
        "completed",
        "investor",
        None,
        None,
        0.5,
        r"\bstake\b",
    ),
    # "the Sosnoff tender", "GENCORP HOSTILE TENDER", "a takeover proposal": a bid named
    # by its noun alone (see deals for when a bare "bid"/"offer" counts).
    Cue(
        "bid_noun",
        "acquisition",
        "in_talks",
        "acquirer",
        None,
        None,
        0.5,
        r"\b(?:tender\s+offers?|(?:takeover|buyout|merger|acquisition)\s+(?:bids?|offers?|proposals?|attempts?)|"
        r"(?:hostile|unsolicited)\s+(?:tender\s+offers?|bids?|tenders?|offers?)|bid|tender|offer)\b"
        rf"(?!\s+(?:offers?|from|by|for|to\s+{_ACQ})\b)",
    ),
    Cue(
        "acq_noun",
        "acquisition",
        "completed",
        "acquirer",
        None,
        None,
        0.5,
        rf"\b(?:{_ACQUISITION}s?|takeover|buyout|purchase|buy)\b{_NOT_BACK}",
    ),
    # "the likely Y suitor", "a bidder for Y": a would-be buyer, named by its noun.
    Cue(
        "suitor",
        "acquisition",
        "in_talks",
        "acquirer",
        "target",
        None,
        0.5,
        r"\b(?:suitors?|bidders?)\b(?:\s+for\b)?",
    ),
    # A takeover defence: the company adopting a rights plan ("poison pill") expects bidders.
    Cue(
        "rights_plan",
        "acquisition",
        "rumoured",
        "target",
        None,
        None,
        0.5,
        r"\b(?:(?:share|stock)?holders?'?\s+)?rights\s+plan\b|\bpoison\s+pill\b",
    ),
    # A would-be acquirer asking for a company's holder list is preparing a proxy or tender fight.
    Cue(
        "holder_list",
        "acquisition",
        "rumoured",
        "acquirer",
        "target",
        None,
        0.5,
        r"\b(?:share|stock)?holders?\s+lists?\b",
    ),
    # "said he was interested in X stock": a would-be holder sizing up a stake (see deals).
    Cue(
        "interest_stock",
        "investment",
        "rumoured",
        "investor",
        "investee",
        None,
        0.5,
        r"\binterested\s+in\b(?!\s+(?:buying|acquiring|purchasing|taking)\b)",
    ),
    # An investor agreeing with a company to cap its holding: a stake under negotiation
    # (debt standstills with creditor banks are left out in deals).
    Cue(
        "standstill",
        "investment",
        "agreed",
        "investor",
        None,
        None,
        0.5,
        r"\bstandstill\s+(?:agreements?|pacts?|arrangements?|accords?)\b",
    ),
    # A caps flash naming only the seller: "ACME COMPLETES UNIT SALE" (see deals).
    Cue("sale_noun", "acquisition", "agreed", "seller", None, None, 0.5, r"\bsale\b(?!\s+of\b)"),
    Cue(
        "lead_round",
        "investment",
        "completed",
        "lead_investor",
        "investee",
        "in|for|into",
        0.65,
        r"\b(?:led|leads|lead|leading)\s+(?:(?:a|an|the)\s+)?(?:[\w$.,-]+\s+){0,5}?(?:round|funding|financing|investment)\b",
    ),
    Cue(
        "raise",
        "investment",
        "completed",
        "investee",
        None,
        None,
        0.6,
        r"\b(?:raised|raises|raise|raising|secured|secures|closed|closes|landed|lands|bagged|bags)\b"
        r"(?=[^.;]{0,60}?\b(?:funding|financing|series\s+[a-h]\b|seed\s+round|round|venture\s+capital)\b)",
    ),
    Cue(
        "invest",
        "investment",
        "agreed",
        "investor",
        "investee",
        "in|into",
        0.6,
        r"\b(?:invest|invests|invested|investing|investment|inject|injects|injected|injecting)\b",
    ),
    Cue(
        "partner",
        "partnership",
        "agreed",
        "partner",
        "partner",
        "with",
        0.5,
        r"\b(?:partnership|partnered|partnering|partners|partner|team(?:s|ed)?\s+up|tie[- ]up|"
        r"ti(?:e|es|ed)\s+up|joint\s+venture|alliance|cooperation|co-operation|collaboration|"
        r"collaborat(?:e|es|ed|ing)|work(?:ing)?\s+together|strategic\s+pact)\b",
        pair=True,
    ),
    Cue(
        "ipo",
        "ipo",
        "agreed",
        "issuer",
        None,
        None,
        0.55,
        r"\b(?:initial\s+public\s+offering|IPO|go(?:es|ing)?\s+public|stock\s+market\s+debut|flotation)\b",
    ),
    Cue(
        "debt",
        "debt",
        "agreed",
        "borrower",
        "lender",
        None,
        0.45,
        r"\b(?:credit\s+facility|credit\s+line|revolving\s+credit|term\s+loan|bridge\s+loan|syndicated\s+loan|"
        # "Savings and Loan Association" is a thrift's name, not a loan.
        r"private\s+credit|debt\s+financing|(?<!savings\sand\s)loan(?!\s+assoc))\b",
    ),
    Cue(
        "talks",
        None,
        "in_talks",
        "partner",
        "partner",
        "with",
        0.55,
        r"\b(?:talks|discussions|negotiations|negotiating|negotiate|negotiates)\b",
        pair=True,
    ),
    Cue("merger_noun", "merger", "agreed", "acquirer", None, None, 0.45, r"\bmerger\b", pair=True),
)


_ACQ_STEMS = (
    "acquir",
    "aquir",
    "bought",
    "buy",
    "purchas",
    "take over",
    "taken over",
    "took over",
    "takes over",
    "snap",
    "control of",
)
_PCT_STEMS = ("pct", "%", "percent", "per cent")
# Literal stems (lower case) that every match of a cue contains. An Aho-Corasick
# pass finds them in microseconds; each cue's regex then runs only on a short
# window around its own stems, instead of every cue at every position.
CUE_STEMS: dict[str, tuple[str, ...]] = {
    "acq_passive_done": _ACQ_STEMS,
    "acq_passive": _ACQ_STEMS,
    "acq_passive_open": tuple(
        f"{be} {done}"
        for be in ("be", "being")
        for done in ("acquired", "bought", "purchased", "taken over")
    ),
    "go_private": (
        "go private",
        "goes private",
        "going private",
        "going-private",
        "go-private",
        "company private",
        "firm private",
        "itself private",
        "it private",
    ),
    "take_private": ("private",),
    "lbo": ("lbo", "leveraged buy", "management buy"),
    "sold_to": ("sold to",),
    "sold_by": ("sold by",),
    "merge_pair": ("merger", "merging", "combination"),
    "merge": ("merg", "combine"),
    "merge_to": ("merge",),
    "merge_obj": ("merged", "merges"),
    "stake_pct": _PCT_STEMS,
    "pct_of": _PCT_STEMS,
    "shares_of": ("shares",),
    "stake": (
        "stake",
        "interest",
        "holding",
        "equity",
        "common stock",
        "preferred stock",
        "clearance to",
        "approval to",
        "permission to",
    ),
    "acq_bid": ("offer", "bid", "proposal"),
    "bid_from": ("offer", "bid", "proposal", "approach"),
    "bid_received": ("offer", "bid", "proposal", "approach"),
    "price_bid": ("offer", "bid", "tender", "proposal"),
    "acq_of": (
        "acquisition",
        "aquisition",
        "acquisiton",
        "acquistion",
        "purchas",
        "takeover",
        "take-over",
        "buyout",
        "buy-out",
        "acquiring",
        "buying",
        "control of",
    ),
    "acq_by": (
        "acquisition by",
        "aquisition by",
        "acquisiton by",
        "acquistion by",
        "over by",
        "out by",
    ),
    "sale_of": ("sale", "divest", "disposal", "disposition", "selling", "spinoff", "spin-off"),
    "sell_explore": ("sale", "buyer", "strategic alternatives"),
    "acq_done": _ACQ_STEMS,
    "acq3": _ACQ_STEMS,
    "acq": _ACQ_STEMS,
    "pay_for": ("pay ", "pays ", "paid ", "paying "),
    "receive_for": ("receiv",),
    "share_ratio": ("share of", "shares of"),
    "become_unit": ("becom", "became", "operate"),
    "swap_for": ("exchanged", "swapped"),
    "sold": ("sold", "divested", "disposed", "spun off"),
    "sell": ("sell", "divest", "dispose", "spin off", "spins off"),
    "bid_noun": ("bid", "tender", "offer"),
    "sale_noun": ("sale",),
    "holder_list": ("holder list", "holders list"),
    "rights_plan": ("rights plan", "poison pill"),
    "standstill": ("standstill",),
    "interest_stock": ("interested in",),
    "suitor": ("suitor", "bidder"),
    "acq_noun": (
        "acquisition",
        "aquisition",
        "acquisiton",
        "acquistion",
        "takeover",
        "buyout",
        "purchase",
        "buy",
    ),
    "bid_for": ("bid", "offer", "tender"),
    "stake_noun": ("stake",),
    "lead_round": ("led", "lead"),
    "raise": ("rais", "secur", "close", "landed", "lands", "bag"),
    "invest": ("invest", "inject"),
    "partner": (
        "partner",
        "team",
        "tie",
        "joint venture",
        "alliance",
        "cooperation",
        "co-operation",
        "collaborat",
        "together",
        "pact",
    ),
    "ipo": ("public offering", "ipo", "public", "stock market debut", "flotation"),
    "debt": ("credit", "loan", "financing"),
    "talks": ("talks", "discussions", "negotiat"),
    "merger_noun": ("merger",),
    "takeover_talk": ("takeover", "target of"),
    "interest_shown": ("of interest",),
    "other_buyer": ("buyer",),
    "affiliation_of": ("affiliation",),
    "affiliation": ("affiliation",),
    "proration": ("prorat",),
}
_CUE_RES = {c.name: re.compile(c.pattern, re.IGNORECASE) for c in CUES}
_CUE_ORDER = {c.name: i for i, c in enumerate(CUES)}
_CUE_BY_NAME = {c.name: c for c in CUES}


def _trigger_automaton() -> ahocorasick.Automaton:
    by_stem: dict[str, list[str]] = {}
    for name, stems in CUE_STEMS.items():
        for stem in stems:
            by_stem.setdefault(stem, []).append(name)
    return word_automaton((stem, (len(stem), tuple(names))) for stem, names in by_stem.items())


_TRIGGERS = _trigger_automaton()
# A match starts at most this far before the end of the stem that triggered it.
_REACH = max(len(stem) for stems in CUE_STEMS.values() for stem in stems) + 40


def _start_finder(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """Where the next match of a cue starts, looked for only within _REACH characters.

    `finder.match(lowered, pos, hi).end(1)` is the first position from `pos` on
    where `regex` matches the original `plain_ascii` text (see `lower_twin`); a plain search
    would go on trying every position up to the window's end.
    """
    flags = twin_flags(regex, ascii_classes=True)  # the twin's pattern is the regex's
    if flags is None:
        return None
    return re.compile(rf"((?s:.){{0,{_REACH}}}?)(?:{regex.pattern})", flags)


_CUE_STARTS = {name: _start_finder(regex) for name, regex in _CUE_RES.items()}


def cue_matches(sentence: str, low: str) -> list[tuple[Cue, re.Match[str]]]:
    """Non-overlapping cue matches in order; at one position the earlier cue in CUES wins.

    `low` is `sentence.lower()`, which the callers have already made.

    Equivalent to scanning with the alternation of all cues for matches that
    start within 40 characters before one of their stems.
    """
    return list(_cue_matches(sentence, low))


# An all-caps headline is asked twice in a row: for names, then for deals.
@functools.lru_cache(maxsize=2)
def _cue_matches(sentence: str, low: str) -> tuple[tuple[Cue, re.Match[str]], ...]:
    found: dict[tuple[str, int], re.Match[str]] = {}
    lowered = low if plain_ascii(sentence) else None
    for end, (length, names) in _TRIGGERS.iter(low):
        lo = max(0, end + 1 - length - 40)
        hi = min(len(sentence), end + 120)
        for name in names:
            regex = _CUE_RES[name]
            finder = _CUE_STARTS[name] if lowered is not None else None
            if finder is not None:
                # The same matches as the search below, found faster (see _start_finder).
                f = finder.match(lowered, lo, hi)
                while f is not None and f.end(1) <= end:
                    m = regex.match(sentence, f.end(1), hi)
                    found[(name, m.start())] = m
                    f = finder.match(lowered, m.end(), hi) if m.end() < hi else None
                continue
            m = regex.search(sentence, lo, hi)
            while m is not None and m.start() <= end:
                found[(name, m.start())] = m
                m = regex.search(sentence, m.end(), hi) if m.end() < hi else None
    if not found:
        return ()
    ordered = sorted(found.items(), key=lambda kv: (kv[1].start(), _CUE_ORDER[kv[0][0]]))
    result: list[tuple[Cue, re.Match[str]]] = []
    taken = 0
    for (name, _), m in ordered:
        if m.start() < taken:
            continue
        result.append((_CUE_BY_NAME[name], m))
        taken = m.end()
    return tuple(result)


# Nouns that say what kind of deal a "talks" sentence is about.
KIND_WORDS = re.compile(
    r"\b(?:(?P<partnership>cooperation|co-operation|partnership|alliance|tie-up|joint\s+venture|"
    r"collaboration|work(?:ing)?\s+together|partner)|(?P<merger>merger|merge|combination)|"
    r"(?P<acquisition>acquisition|acquire|takeover|buyout|buy|purchase|sale|sell)|"
    r"(?P<investment>investment|invest|stake|funding)|(?P<ipo>ipo|listing|public\s+offering)|"
    r"(?P<debt>loan|credit|financing))\b",
    re.IGNORECASE,
)
# Talks that are not about a deal between companies.
NOT_DEAL_TALKS = re.compile(
    r"\b(?:trade|tariff|wage|pay|peace|budget|labou?r|union|climate|contract|price|debt|"
    r"rescheduling|border|nuclear|arms|coalition|ceasefire|policy|quota)\s+(?:talks|negotiations|discussions)\b"
    r"|\b(?:talks|negotiations|discussions)\s+(?:on|over|about)\s+(?:trade|tariffs?|wages?|pay|"
    r"prices?|debt|quotas?|the\s+budget|a\s+ceasefire)\b",
    re.IGNORECASE,
)

# Stage words read in the clause before a cue; the one nearest the cue wins.
STAGE_BEFORE = re.compile(
    r"\b(?P<called_off>terminat(?:e|ed|es|ing)|call(?:ed|s)?\s+off|scrap(?:ped|s|ping)?|"
    r"abandon(?:ed|s|ing)?|collapsed|walk(?:ed|s)?\s+away|pull(?:ed|s)?\s+out|withdr[ae]w(?:n|s)?|"
    r"withdrawing|cancel(?:l?ed|s|ling)?|br(?:oke|eaks?)\s+off|reject(?:ed|s)?|block(?:ed|s)?|"
    r"drop(?:ped|s)?|end(?:ed|s)|no\s+longer|decided\s+against|failed\s+to|rescind(?:ed|s)?)\b"
    r"|\b(?P<completed>complet(?:e|ed|es|ing)|closed|closes|finali[sz](?:ed|es)|consummated|now\s+owns|"
    r"acquired|bought|purchased|holds|held|owns|owned|raised|increased|lifted|boosted|took|has)\b"
    r"|\b(?P<agreed>agreed|agrees|agree|signed|signs|sign|definitive|entered\s+into|enters\s+into|"
    r"reached|reaches|approved|approves|accepted|accepts|(?<!previously\s)announced|announces|"
    r"launched|launches|plans?\s+to|planning\s+to|intends?\s+to|set\s+to|letter\s+of\s+intent)\b"
    r"|\b(?P<in_talks>talks|discussions|negotiations|negotiat(?:e|es|ing)|discussing|nears?|nearing|"
    r"close\s+to|closing\s+in\s+on|offered|offers|offer|proposed|proposes|propose|bid|bidding|"
    r"approached)\b"
    r"|\b(?P<rumoured>may|might|could|consider(?:s|ing)?|weigh(?:s|ing)?|explor(?:e|es|ing)|"
    r"mull(?:s|ing)?|studying|evaluat(?:e|es|ing)|interested\s+in|would\s+like\s+to|wants?\s+to|"
    r"seek(?:s|ing)?\s+to|hop(?:e|es|ing)\s+to|eye(?:s|ing)|reportedly|rumou?red|speculation|"
    r"said\s+to\s+be)\b",
    re.IGNORECASE,
)
STAGE_AFTER = re.compile(
    r"[^.;]{0,80}?\b(?:(?P<called_off>(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:terminated|called\s+off|scrapped|abandoned|cancell?ed|blocked|rejected|withdrawn|dropped)|"
    r"collapsed|fell\s+through|(?:was|were)\s+not\s+completed)|(?P<completed>(?:was|were|has\s+been|"
    r"had\s+been)\s+(?:completed|closed|finali[sz]ed|consummated))|(?P<agreed>(?:is|are)\s+(?:expected|"
    r"scheduled)\s+to\s+(?:close|be\s+completed)|is\s+subject\s+to|pending))\b",
    re.IGNORECASE,
)
STRONG_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|dismisses|ruled\s+out|rules\s+out|refuted|"
    r"no\s+plans?\s+to|no\s+intention|not\s+(?:currently\s+)?(?:in|holding|having)\s+(?:any\s+)?"
    r"(?:talks|discussions|negotiations)|not\s+for\s+sale|no\s+(?:talks|discussions|negotiations)|"
    r"(?:not\s+|un)aware\s+of\s+any)\b",
    re.IGNORECASE,
)
WEAK_NEGATION = re.compile(r"\b(?:not|no|never|nor)\b|n't\b", re.IGNORECASE)

# Sentences about results: nominal mentions of past deals in them are history, not news.
RESULTS_CONTEXT = re.compile(
    r"^note\b|\b(?:gain|gains|loss|losses|charge|extraordinary|proceeds|dividend|write-?downs?|"
    r"provision|restated|discontinued\s+operations|net\s+(?:income|profit|loss|earnings)|revenues?|earnings\s+per\s+share|per\s+share|"
    r"quarter(?:ly)?|operating\s+(?:profit|income)|sales\s+(?:rose|fell|grew|increased|decreased)|"
    r"results|profit\s+(?:rose|fell))\b",
    re.IGNORECASE,
)
