"""Utah eval matching: a slot value's leading "a"/"an" is no part of the name it gives.

The issue scores a slot as "a normalised-name match with any alternative";
normalise_name already drops a leading "the". Every value here is invented.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_EVAL = Path(__file__).resolve().parents[2] / "scripts" / "eval_analysis.py"


def _slot_key():
    name = "eval_analysis_for_tests"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, _EVAL)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return module._slot_key


@pytest.mark.parametrize(
    ("predicted", "key"),
    [
        ("shrimp packing plant", "a shrimp packing plant"),
        ("Ortolan Holdings", "An Ortolan Holdings"),
        ("Quarry Hill Corp", "the Quarry Hill Corp"),
    ],
)
def test_the_utah_eval_matches_names_without_a_leading_article(predicted, key):
    slot_key = _slot_key()
    assert slot_key(predicted) == slot_key(key)


def test_the_utah_eval_keeps_an_article_that_is_the_whole_value():
    assert _slot_key()("A") == "a"


def test_the_utah_eval_keeps_a_name_merely_starting_with_the_letters():
    assert _slot_key()("Anvil Mining Ltd") == "anvil mining"
