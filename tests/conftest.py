"""Shared fixtures: where ../shared is, the seed pair, and engines (hash = no model; real = slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000" or "002"); skips when absent."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.exists() else []
    if not found:
        pytest.skip("../shared/seeds is not available")
    return found[0]


@pytest.fixture(scope="session")
def hash_engine():
    from byline.compare import Engine
    from byline.embed import HashEmbedder

    return Engine(embedder=HashEmbedder())


@pytest.fixture(scope="session")
def engine():
    """The real engine (static model, MiniLM for grey-zone pairs); loads models once per session."""
    from byline.compare import Engine

    return Engine(model="auto")
