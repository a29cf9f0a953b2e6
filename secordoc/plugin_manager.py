"""Build the plugin manager: built-ins first, then installed entry points, then ``--plugin``.

Made by a factory, never at import time, so tests build one without entry points and a run's
plugins are exactly what it asked for.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import importlib.util
import os
import sys
import traceback
from collections.abc import Callable, Generator, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy
from pluggy import HookImpl

from . import __version__, hookspecs
from .doctypes.base import DocumentType
from .doctypes.loader import load_document_type
from .errors import DocumentError, PluginError, SecordocError
from .findings import FindingCode
from .model import Finding, LoadedFile

ENTRY_POINT_GROUP = "secordoc"

#: The core's own behaviour, registered like any partner plugin.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "secordoc.builtin.evidence_types",
    "secordoc.builtin.pdf_loader",
    "secordoc.builtin.image_loader",
    "secordoc.builtin.office_loader",
    # Before tesseract_engine, so it is asked first (pluggy calls trylast implementations in
    # registration order): in-process tesserocr when it can run, else it passes to pytesseract.
    "secordoc.builtin.tesserocr_engine",
    "secordoc.builtin.tesseract_engine",
    "secordoc.builtin.report_json",
    "secordoc.builtin.report_text",
    "secordoc.builtin.report_html",
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
    """A pluggy manager that also remembers where each plugin came from and what failed.

    pluggy does every call (order, ``tryfirst``/``trylast``, wrappers, first result, tracing and
    ``add_hookcall_monitoring``); call sites use ``pm.hook.NAME(...)``. Each implementation is
    guarded when it is registered, so the plugin that raises, or answers in the wrong shape,
    is the one named (``fail``), and with ``--keep-going`` the call goes on without it.
    """

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self.problems: list[PluginProblem] = []
        self.keep_going = False

    def register(self, plugin: object, name: str | None = None) -> str | None:
        """Register like pluggy, then guard each of the plugin's implementations."""
        registered = super().register(plugin, name)
        if registered is not None:
            for caller in self.get_hookcallers(plugin) or []:
                for impl in caller.get_hookimpls():
                    if impl.plugin is plugin:
                        _guard(self, impl, caller.name)
        return registered

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

    def contributions(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a collecting hook through pluggy and say which plugin gave each answer.

        For answers whose origin a message must name (a document type contributed twice, a
        profile that does not validate). An answer a wrapper put in is credited to "a hook wrapper".
        """
        recorded: list[tuple[str, Any]] = []
        token = _RECORDING.set(recorded)
        try:
            answers = getattr(self.hook, hook_name)(**kwargs)
        finally:
            _RECORDING.reset(token)
        origin = {id(answer): plugin for plugin, answer in recorded}
        return [(origin.get(id(answer), "a hook wrapper"), answer) for answer in answers]

    def plugin_that_raised(self, exc: BaseException) -> str | None:
        """The registered partner plugin whose own code raised ``exc`` outside a hook call (a
        renderer it contributed, its OCR engine's ``check``...), or None when secordoc's code did.

        The innermost frame of ``exc``'s traceback that is either a plugin's or secordoc's decides
        (frames of the standard library and other packages are passed over): a plugin that calls
        into secordoc and meets a bug there is not blamed for it.
        """
        core = os.path.dirname(os.path.abspath(__file__)) + os.sep
        owners = [(where, name) for name, plugin in self.list_name_plugin() if plugin is not None
                  for where in _files_of(plugin) if not where.startswith(core)]
        for frame, _ in reversed(list(traceback.walk_tb(exc.__traceback__))):
            path = os.path.abspath(frame.f_code.co_filename)
            for where, name in owners:
                if path == where or (where.endswith(os.sep) and path.startswith(where)):
                    return name
            if path.startswith(core):
                return None
        return None

    def plugin_list(self) -> list[dict[str, str]]:
        return [
            {"name": i.name, "version": i.version, "origin": i.origin}
            for i in self.infos.values()
            if self.get_plugin(i.name) is not None
        ]


def _files_of(plugin: object) -> list[str]:
    """Where a plugin's code is: its module's file, or its package's folder (ending in a separator)."""
    module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(type(plugin).__module__)
    file = getattr(module, "__file__", None)
    if not file:
        return []
    if hasattr(module, "__path__"):
        return [os.path.dirname(os.path.abspath(file)) + os.sep]
    return [os.path.abspath(file)]


def _anything(answer: object) -> bool:
    return True


def _list_of(*kinds: type) -> Callable[[object], bool]:
    return lambda answer: isinstance(answer, list) and all(isinstance(item, kinds) for item in answer)


def _is_engine(answer: object) -> bool:
    return all(hasattr(answer, attribute) for attribute in ("name", "version", "check", "read"))


def _is_renderers(answer: object) -> bool:
    return isinstance(answer, dict) and all(isinstance(k, str) and callable(f) for k, f in answer.items())


#: What each hook's implementations must answer (besides None), said in the message that names
#: a plugin answering otherwise. A hook missing here (a newer one) accepts anything.
ANSWER_SHAPES: dict[str, tuple[str, Callable[[object], bool]]] = {
    "secordoc_evidence_type": ("a media type (str)", lambda answer: isinstance(answer, str)),
    "secordoc_load_file": ("a LoadedFile", lambda answer: isinstance(answer, LoadedFile)),
    "secordoc_ocr_engine": ("an OCR engine (name, version, check, read)", _is_engine),
    "secordoc_document_types": ("a list of DocumentType or paths to their JSON files", _list_of(DocumentType, str, os.PathLike)),
    "secordoc_profiles": ("a list of paths or dicts", _list_of(str, dict)),
    "secordoc_finding_codes": ("a list of FindingCode", _list_of(FindingCode)),
    "secordoc_validate": ("a list of Finding", _list_of(Finding)),
    "secordoc_report_formats": ("a dict of renderers", _is_renderers),
}

def _document_types(answer: list[DocumentType | str | os.PathLike[str]]) -> list[DocumentType]:
    return [item if isinstance(item, DocumentType) else load_document_type(Path(item)) for item in answer]


#: Answers a hook takes in a handier form too, made into the one form its callers read (a
#: document type's JSON file read with ``load_document_type``, as the built-in types are).
#: Whatever does not convert is the answering plugin's error.
CONVERSIONS: dict[str, Callable[[Any], Any]] = {"secordoc_document_types": _document_types}

#: Exceptions an implementation may raise that are not its plugin's failure. Any of secordoc's
#: own errors says what is wrong already; a loader's every exception is the document's (the
#: file becomes unreadable with the exception's text, in its isolated child).
PASSED_ON: dict[str, type[BaseException]] = {"secordoc_load_file": BaseException}


#: The built-in plugins' names start so; their readers' exceptions are the file's, not a plugin's.
BUILTIN_PREFIX = "secordoc.builtin."

#: Answers recorded by plugin while ``contributions`` runs (None otherwise: nothing is kept).
_RECORDING: ContextVar[list[tuple[str, Any]] | None] = ContextVar("secordoc_recording", default=None)


def _guard(pm: SecordocPluginManager, impl: HookImpl, hook_name: str) -> None:
    """Put a guard around one implementation, in place, so pluggy calls it as it calls any other.

    pluggy has no per-implementation interception (a hook wrapper sees the whole call, not who
    answered what), and ``HookImpl.function`` is the attribute it calls; its argument names were
    read from the plugin's own function at registration, so they stay the plugin's.
    """
    function = impl.function
    guarded = (
        _guarded_wrapper(pm, function, impl.plugin_name, hook_name)
        if impl.wrapper or impl.hookwrapper
        else _guarded_implementation(pm, function, impl.plugin_name, hook_name)
    )
    impl.function = guarded  # type: ignore[misc]  # Final in pluggy's stubs; a plain slot at run time


def _guarded_implementation(
    pm: SecordocPluginManager, function: Callable[..., Any], plugin: str, hook_name: str
) -> Callable[..., Any]:
    expected, fits = ANSWER_SHAPES.get(hook_name, ("anything", _anything))
    passed_on = PASSED_ON.get(hook_name, SecordocError)

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            answer = function(*args, **kwargs)
        except passed_on as exc:
            if _a_partners_reader(hook_name, plugin) and not isinstance(exc, SecordocError) and isinstance(exc, Exception):
                # a partner's reader that breaks: its file is unreadable, and the reason names it
                raise DocumentError(f"the reader of plugin '{plugin}' failed ({type(exc).__name__}: {exc})") from exc
            raise
        except Exception as exc:  # noqa: BLE001 - a broken plugin is named, never a traceback
            pm.fail(plugin, f"{hook_name} failed ({type(exc).__name__}: {exc})")
            return None
        if answer is not None and not fits(answer):
            _broken(pm, plugin, hook_name, f"returned {type(answer).__name__}, not {expected}")
            return None
        if answer is not None and hook_name in CONVERSIONS:
            try:
                answer = CONVERSIONS[hook_name](answer)
            except (OSError, ValueError, SecordocError) as exc:  # a file unreadable, not JSON, or not its schema
                pm.fail(plugin, f"{hook_name} returned what secordoc cannot read ({getattr(exc, 'message', None) or exc})")
                return None
        recording = _RECORDING.get()
        if recording is not None and answer is not None:
            recording.append((plugin, answer))
        return answer

    return guarded


def _a_partners_reader(hook_name: str, plugin: str) -> bool:
    return hook_name == "secordoc_load_file" and not plugin.startswith(BUILTIN_PREFIX)


def _broken(pm: SecordocPluginManager, plugin: str, hook_name: str, problem: str) -> None:
    """A plugin broke the hook's contract: a plugin error naming it (``pm.fail``), except on
    ``secordoc_load_file``, which runs in a worker process per file: there the file becomes
    unreadable with a reason that names the plugin, and the run goes on."""
    if hook_name == "secordoc_load_file":
        raise DocumentError(f"the reader of plugin '{plugin}' failed: its {hook_name} {problem}")
    pm.fail(plugin, f"{hook_name} {problem}")


def _guarded_wrapper(
    pm: SecordocPluginManager, function: Callable[..., Any], plugin: str, hook_name: str
) -> Callable[..., Generator[Any, Any, Any]]:
    """A hook wrapper's own failure is its plugin's; what it passes on from inside is not."""
    passed_on = PASSED_ON.get(hook_name, SecordocError)

    def own(exc: BaseException) -> bool:
        """Whether ``exc`` is the wrapper's own failure (to name it), not one to pass on."""
        if _a_partners_reader(hook_name, plugin):  # a loader wrapper's own exceptions are its file's
            return isinstance(exc, Exception) and not isinstance(exc, SecordocError)
        return isinstance(exc, Exception) and not isinstance(exc, passed_on)

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Generator[Any, Any, Any]:
        inner = function(*args, **kwargs)
        try:
            next(inner)
        except StopIteration:
            _broken(pm, plugin, hook_name, "wrapper did not yield")
            return (yield)
        except Exception as exc:  # noqa: BLE001 - named, never a traceback
            if not own(exc):
                raise
            _broken(pm, plugin, hook_name, f"wrapper failed ({type(exc).__name__}: {exc})")
            return (yield)
        try:
            sent = yield
        except BaseException as thrown:
            try:
                inner.throw(thrown)
            except StopIteration as stop:
                return stop.value
            except BaseException as exc:
                if exc is thrown or not own(exc):
                    raise
                _broken(pm, plugin, hook_name, f"wrapper failed ({type(exc).__name__}: {exc})")
                raise thrown from None
            _broken(pm, plugin, hook_name, "wrapper yielded twice")
            raise thrown
        try:
            inner.send(sent)
        except StopIteration as stop:
            return stop.value
        except Exception as exc:  # noqa: BLE001 - named, never a traceback
            if not own(exc):
                raise
            _broken(pm, plugin, hook_name, f"wrapper failed ({type(exc).__name__}: {exc})")
            return sent
        _broken(pm, plugin, hook_name, "wrapper yielded twice")
        return sent

    return guarded


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
        path = Path(spec)
        if path.suffix == ".json":
            _register_document_type_file(pm, path, spec)
            continue
        try:
            module = _load_file_module(path) if path.suffix == ".py" else importlib.import_module(spec)
        except Exception as exc:
            pm.fail(spec, f"could not be imported ({type(exc).__name__}: {exc})")
            continue
        version = str(getattr(module, "__version__", "local"))
        _register_checked(pm, module, spec, version, "command line")
    return pm


class DocumentTypeFile:
    """A document type given as a JSON file (``-p ppe-inspection.json``): a plugin with no Python,
    on the same hook as the built-in types, which are JSON files too."""

    def __init__(self, document_type: DocumentType) -> None:
        self.document_type = document_type

    @hookspecs.hookimpl
    def secordoc_document_types(self) -> list[DocumentType]:
        return [self.document_type]


def _register_document_type_file(pm: SecordocPluginManager, path: Path, spec: str) -> None:
    try:
        document_type = load_document_type(path)
    except (OSError, ValueError, SecordocError) as exc:  # unreadable, not JSON, or not the doctype schema
        pm.fail(spec, f"is not a document type secordoc can read ({getattr(exc, 'message', None) or exc})")
        return
    pm.register(DocumentTypeFile(document_type), name=spec)


def _register_checked(
    pm: SecordocPluginManager, module: ModuleType, name: str, version: str, origin: str
) -> None:
    try:
        pm.register_module(module, name, version, origin)
    except (ValueError, pluggy.PluginValidationError) as exc:
        pm.fail(name, f"does not fit the hook contract ({exc})")
