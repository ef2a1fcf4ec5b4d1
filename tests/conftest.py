"""Shared fixtures: the bundled lexicons and pipeline are loaded once per session."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from stance.lexicon import load_lexicons
from stance.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "seeds"
EXTERNAL = ROOT.parent / "shared" / "external"

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@pytest.fixture(scope="session")
def lexicons():
    return load_lexicons()


@pytest.fixture(scope="session")
def pipeline(lexicons):
    return Pipeline(lexicons)
