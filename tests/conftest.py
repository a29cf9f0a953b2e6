"""Shared fixtures: a plugin manager without entry points, settings with a private cache."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from secordoc.plugin_manager import make_plugin_manager
from secordoc.schemas import errors as schema_errors
from secordoc.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"


def pytest_configure(config: pytest.Config) -> None:
    """The processes the tests start and then stop with SIGINT get it as Ctrl-C at a terminal does.
    A test run started as a script's background job inherits SIGINT ignored, every process it
    starts inherits that too, and a Python process that starts with SIGINT ignored never raises
    KeyboardInterrupt. A handled signal (unlike an ignored one) is reset to its default at exec."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


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
