"""Fixtures shared across test modules."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def ex():
    """One statement extractor for the extraction tests written on invented text (loading the
    spaCy pipeline once per test process instead of once per module)."""
    from detente.evidence.extract import Extractor
    return Extractor()
