"""Shared fixtures: a plugin manager without entry points, settings with a private cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secordoc.plugin_manager import make_plugin_manager
from secordoc.schemas import errors as schema_errors
from secordoc.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"


@pytest.fixture
def pm():
    return make_plugin_manager(load_entry_points=False)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(use_cache=False, cache_dir=str(tmp_path / "cache"))


def assert_valid_report(report: dict) -> None:
    problems = schema_errors("report", json.loads(json.dumps(report)))
    assert not problems, problems


@pytest.fixture(scope="session")
def sample_package() -> Path:
    return ROOT / "fixtures" / "sample-package"
