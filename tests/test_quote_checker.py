"""bench/check_flagship_quotes.py attributes each quote to the nearest speaker outside quotation
marks (checked here on a synthetic report, since the real one lives in ../shared)."""

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location(
    "check_flagship_quotes", Path(__file__).resolve().parents[1] / "bench" / "check_flagship_quotes.py")
checker = importlib.util.module_from_spec(spec)
spec.loader.exec_module(checker)

REPORT = """Defense Secretary Pete Hegseth said at the meeting in Brussels: "There will be no troops."

Anatol Lieven, an analyst, explained that "in practice, Hegseth's statement rules it out."

"We want peace," Trump wrote in a post on Truth Social.
"""
SPEAKERS = {"Pete Hegseth": ["Hegseth"], "Anatol Lieven": ["Lieven"], "Donald Trump": ["Trump"]}


def test_nearest_speaker_outside_quotes():
    assert checker.attribution(REPORT, "There will be no troops.", SPEAKERS)[0] == "Pete Hegseth"
    # 'Hegseth' inside Lieven's quote is not an attribution
    assert checker.attribution(REPORT, "Hegseth's statement rules it out", SPEAKERS)[0] == "Anatol Lieven"
    # a speaker named after the quote counts too
    who, window = checker.attribution(REPORT, "We want peace", SPEAKERS)
    assert who == "Donald Trump" and "truth social" in window
    assert checker.attribution(REPORT, "not in the report", SPEAKERS) == (None, "")
