"""Plain-Python story analysis: companies, deal signals, stages, parties, amounts.

No Django import anywhere in this package, so it is tested and benchmarked on
strings alone. Everything other code relies on is re-exported here.
"""

from .companies import CompanyDictionary, CompanyHit
from .deals import DealSignal, Party
from .model import DealModel, active_model, model_path
from .money import DEFAULT_FX_TO_USD, Amount, find_money, parse_money
from .names import normalise_name
from .pipeline import (
    M_AND_A_KINDS,
    MODEL_RULE_FLOOR,
    SAMPLE_FLOOR,
    Signals,
    analyse,
    candidates_for,
    in_sample_band,
    model_judges,
    sample_drawn,
    signals_to_dict,
)
from .text import CleanedStory, clean_text

__all__ = [
    "DEFAULT_FX_TO_USD",
    "MODEL_RULE_FLOOR",
    "M_AND_A_KINDS",
    "SAMPLE_FLOOR",
    "Amount",
    "CleanedStory",
    "CompanyDictionary",
    "CompanyHit",
    "DealModel",
    "DealSignal",
    "Party",
    "Signals",
    "active_model",
    "analyse",
    "candidates_for",
    "clean_text",
    "find_money",
    "in_sample_band",
    "model_judges",
    "model_path",
    "normalise_name",
    "parse_money",
    "sample_drawn",
    "signals_to_dict",
]
