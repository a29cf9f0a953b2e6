"""Build the plugin manager: built-ins first, then installed entry points, then ``--plugin``.

Made by a factory, never at import time, so tests build one without entry points and a run's
plugins are exactly what it asked for.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from . import __version__, hookspecs
from .errors import PluginError

ENTRY_POINT_GROUP = "secordoc"

#: The core's own behaviour, registered like any partner plugin.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "secordoc.builtin.evidence_types",
    "secordoc.builtin.pdf_loader",
    "secordoc.builtin.image_loader",
    # Before tesseract_engine, so it is asked first (pluggy calls trylast implementations in
    # registration order): in-process tesserocr when it can run, else it passes to pytesseract.
    "secordoc.builtin.tesserocr_engine",
    "secordoc.builtin.tesseract_engine",
    "secordoc.builtin.report_json",
    "secordoc.builtin.report_text",
    "secordoc.builtin.core_findings",
    "secordoc.builtin.builtin_profiles",
    "secordoc.builtin.builtin_doctypes",
    "secordoc.validators.readability",
    "secordoc.validators.categories",
    "secordoc.validators.dates",
    "secordoc.validators.training",
    "secordoc.validators.deadlines",
    "secordoc.validators.signatures",
)


@dataclass(frozen=True)
class PluginInfo:
    name: str
    version: str
    origin: str  # "builtin", "entry point <dist>", "command line"


@dataclass
class PluginProblem:
    plugin: str
    version: str
    problem: str


class SecordocPluginManager(pluggy.PluginManager):
    """A pluggy manager that also remembers where each plugin came from and what failed."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self.problems: list[PluginProblem] = []
        self.keep_going = False

    def register_module(self, module: ModuleType, name: str, version: str, origin: str) -> None:
        self.register(module, name=name)
        self.infos[name] = PluginInfo(name=name, version=version, origin=origin)

    def fail(self, plugin_name: str, problem: str) -> None:
        """Record a broken plugin: stop the run, or (keep-going) unregister it and go on."""
        info = self.infos.get(plugin_name, PluginInfo(plugin_name, "unknown", "unknown"))
        self.problems.append(PluginProblem(info.name, info.version, problem))
        if not self.keep_going:
            raise PluginError(
                f"Plugin {info.name} {info.version} failed: {problem}",
                "Update or uninstall that plugin, or run with --keep-going to continue without it.",
            )
        plugin = self.get_plugin(plugin_name)
        if plugin is not None:
            self.unregister(plugin)

    def each_result(self, hook_name: str, expected: str, check: Callable[[Any], bool], **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation of a hook, in pluggy's call order, each guarded on its own.

        An implementation that raises, or whose answer fails ``check`` (the ``expected`` shape),
        is reported by ``fail`` with the plugin's name and left out. Each implementation gets only
        the arguments it declares, as pluggy promises. Returns (plugin name, answer) pairs; None
        answers are dropped.
        """
        out: list[tuple[str, Any]] = []
        for impl in reversed(getattr(self.hook, hook_name).get_hookimpls()):
            try:
                answer = impl.function(**{k: v for k, v in kwargs.items() if k in impl.argnames})
                if answer is not None and not check(answer):
                    raise TypeError(f"returned {type(answer).__name__}, not {expected}")
            except Exception as exc:  # noqa: BLE001 - a broken plugin is named, never a traceback
                self.fail(impl.plugin_name, f"{hook_name} failed ({type(exc).__name__}: {exc})")
                continue
            if answer is not None:
                out.append((impl.plugin_name, answer))
        return out

    def plugin_list(self) -> list[dict[str, str]]:
        return [
            {"name": i.name, "version": i.version, "origin": i.origin}
            for i in self.infos.values()
            if self.get_plugin(i.name) is not None
        ]


def _load_file_module(path: Path) -> ModuleType:
    name = f"secordoc_cli_plugin_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    return importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)


def make_plugin_manager(
    extra_plugins: Sequence[str] = (),
    *,
    load_entry_points: bool = True,
    keep_going: bool = False,
    builtins: Sequence[str] = BUILTIN_PLUGINS,
) -> SecordocPluginManager:
    """Return a plugin manager with the built-ins, installed plugins and ``extra_plugins``.

    ``extra_plugins`` are module names or paths to ``.py`` files (``-p/--plugin``). A plugin
    that cannot be imported raises PluginError, or with ``keep_going`` is recorded in
    ``pm.problems`` and left out.
    """
    pm = SecordocPluginManager()
    pm.keep_going = keep_going
    for name in builtins:
        pm.register_module(importlib.import_module(name), name, __version__, "builtin")
    if load_entry_points:
        for ep in _entry_points():
            dist = getattr(ep, "dist", None)
            version = dist.version if dist is not None else "unknown"
            origin = f"entry point of {dist.name}" if dist is not None else "entry point"
            pm.infos[ep.name] = PluginInfo(ep.name, version, origin)
            try:
                module = ep.load()
            except Exception as exc:  # any import failure is the plugin's, reported as such
                pm.fail(ep.name, f"could not be imported ({type(exc).__name__}: {exc})")
                continue
            _register_checked(pm, module, ep.name, version, origin)
    for spec in extra_plugins:
        pm.infos[spec] = PluginInfo(spec, "local", "command line")
        try:
            path = Path(spec)
            module = _load_file_module(path) if path.suffix == ".py" else importlib.import_module(spec)
        except Exception as exc:
            pm.fail(spec, f"could not be imported ({type(exc).__name__}: {exc})")
            continue
        version = str(getattr(module, "__version__", "local"))
        _register_checked(pm, module, spec, version, "command line")
    return pm


def _register_checked(
    pm: SecordocPluginManager, module: ModuleType, name: str, version: str, origin: str
) -> None:
    try:
        pm.register_module(module, name, version, origin)
    except (ValueError, pluggy.PluginValidationError) as exc:
        pm.fail(name, f"does not fit the hook contract ({exc})")
