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


def package_dir(tmp_path: Path) -> Path:
    """The package folder a test writes its files into."""
    package = tmp_path / "pkg"
    package.mkdir(exist_ok=True)
    return package


def extract_only(package: Path, pm, settings):  # type: ignore[no-untyped-def]
    """The one file of ``package``, extracted (a test of one file fails if it became several)."""
    from secordoc.extract import extract_package

    (item,) = extract_package(package, pm, settings).files
    return item


def assert_valid_report(report: dict) -> None:
    problems = schema_errors("report", json.loads(json.dumps(report)))
    assert not problems, problems


@pytest.fixture(scope="session")
def sample_package() -> Path:
    return ROOT / "fixtures" / "sample-package"
