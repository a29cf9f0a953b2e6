"""The ``secordoc`` command. The only place that prints, and the only place that exits."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__
from .batch.command import batch as batch_command
from .cache import ExtractionCache
from .check import CheckRequest, run_check
from .errors import ExitCode, SecordocError, UsageError
from .extract import extract_package
from .findings import registry
from .plugin_manager import SecordocPluginManager, make_plugin_manager
from .profiles import available, resolve
from .schemas import NAMES, load_schema
from .evidence.pages import PackagePages
from .formats import call_renderer, report_formats
from .hookspecs import PageImageSource
from .serialize import page_to_dict
from .serve.command import serve as serve_command
from .settings import Settings, default_jobs

EXIT_CODES_HELP = """Exit codes: 0 ready, 1 not ready, 2 bad usage, 3 missing dependency (tesseract),
4 invalid profile or manifest, 5 failing plugin, 6 internal error."""


class Run:
    """What the group's options decided, shared with the subcommands."""

    def __init__(self, plugins: tuple[str, ...], keep_going: bool) -> None:
        self.plugins = plugins
        self.keep_going = keep_going
        self._pm: SecordocPluginManager | None = None

    @property
    def pm(self) -> SecordocPluginManager:
        if self._pm is None:
            self._pm = make_plugin_manager(self.plugins, keep_going=self.keep_going)
        return self._pm


def _guard(fn: Callable[[], int | None]) -> None:
    """Turn library exceptions into a message and the documented exit code; no tracebacks."""
    try:
        code = fn() or 0
    except SecordocError as exc:
        click.secho(f"secordoc: {exc.message}", fg="red", err=True)
        if exc.hint:
            click.echo(exc.hint, err=True)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        click.echo("secordoc: interrupted; nothing was written.", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("SECORDOC_DEBUG"):
            raise
        culprit = _plugin_that_raised(exc)
        if culprit is not None:  # a partner's code outside a hook call: its renderer, its engine's check
            click.secho(f"secordoc: Plugin {culprit} failed: {type(exc).__name__}: {exc}", fg="red", err=True)
            click.echo("Update or uninstall that plugin.", err=True)
            sys.exit(int(ExitCode.PLUGIN_ERROR))
        click.secho(f"secordoc: internal error: {type(exc).__name__}: {exc}", fg="red", err=True)
        click.echo("This is a bug in secordoc. Run again with SECORDOC_DEBUG=1 for details and report it.", err=True)
        sys.exit(int(ExitCode.INTERNAL_ERROR))
    sys.exit(int(code))


def _plugin_that_raised(exc: BaseException) -> str | None:
    """The plugin (name and version) whose own code raised ``exc``, if this run loaded plugins."""
    context = click.get_current_context(silent=True)
    run = context.find_object(Run) if context is not None else None
    pm = run._pm if run is not None else None
    name = pm.plugin_that_raised(exc) if pm is not None else None
    if pm is None or name is None:
        return None
    info = pm.infos.get(name)
    return f"{name} {info.version}" if info is not None else name


def _version_text() -> str:
    pm = make_plugin_manager(keep_going=True)
    extra = [p for p in pm.plugin_list() if p["origin"] != "builtin"]
    lines = [f"secordoc {__version__}", f"  OCR engine {_engine_text(pm)}"]
    lines += [f"  plugin {p['name']} {p['version']} ({p['origin']})" for p in extra]
    return "\n".join(lines)


def _engine_text(pm: SecordocPluginManager) -> str:
    """The OCR engine a run would use (SECORDOC_OCR_ENGINE applies), or why there is none."""
    try:
        engine = pm.hook.secordoc_ocr_engine(settings=Settings())
        if engine is None:
            return "none"
        engine.check()
        return f"{engine.name} {engine.version}"
    except SecordocError as exc:
        return f"none usable: {exc.message}"
    except Exception as exc:  # noqa: BLE001 - --version always answers
        return f"unknown ({type(exc).__name__}: {exc})"


def _print_version(ctx: click.Context, _: Any, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit(0)


@click.group(epilog=EXIT_CODES_HELP)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show secordoc's version and the installed plugins' versions.")
@click.option("-p", "--plugin", "plugins", multiple=True, metavar="MODULE_OR_FILE",
              help="Load a plugin from a module name, a .py file or a document type's .json file (repeatable).")
@click.option("--keep-going", is_flag=True, help="Go on without a plugin that fails, saying so in the report.")
@click.pass_context
def cli(ctx: click.Context, plugins: tuple[str, ...], keep_going: bool) -> None:
    """Check a SECOR submission package before it is filed."""
    ctx.obj = Run(plugins, keep_going)


def _settings(jobs: int | None, no_ocr: bool, no_cache: bool, passwords: tuple[str, ...], time_limit: float,
              memory_limit: int, ocr_engine: str | None = None) -> Settings:
    parsed: dict[str, str] = {}
    for item in passwords:
        path, sep, secret = item.rpartition("=")
        parsed[path if sep else "*"] = secret if sep else item
    return Settings(ocr=not no_ocr, jobs=jobs or default_jobs(), use_cache=not no_cache, passwords=parsed,
                    time_limit=time_limit, memory_limit_mb=memory_limit, ocr_engine=ocr_engine or "auto")


def extraction_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--jobs", "-j", type=click.IntRange(1, 256), help="Pages read at once (default: every core)."),
        click.option("--no-ocr", is_flag=True, help="Read text layers only; say which pages went unread."),
        click.option("--no-cache", is_flag=True, help="Extract everything again, ignoring and not filling the cache."),
        click.option("--password", "passwords", multiple=True, metavar="[PATH=]PASSWORD",
                     help="Password for encrypted PDFs, for one file (PATH=...) or all."),
        click.option("--time-limit", type=click.FloatRange(1, 86400), default=120.0, show_default=True,
                     help="Seconds one document may take before it is reported unreadable."),
        click.option("--memory-limit", type=click.IntRange(128, 1 << 20), default=2048, show_default=True,
                     help="Megabytes one document's reader may use."),
        click.option("--ocr-engine", type=click.Choice(["auto", "tesserocr", "tesseract"]),
                     help="OCR engine: tesserocr (in-process) or tesseract (the program); default auto: "
                          "tesserocr when it can run, else tesseract (or SECORDOC_OCR_ENGINE)."),
        click.option("--quiet", "-q", is_flag=True, help="No progress on stderr."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _progress(quiet: bool) -> Callable[[int, int], None] | None:
    if quiet or not sys.stderr.isatty():
        return None
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(length=total, label="OCR pages", file=sys.stderr, show_eta=True, show_pos=True)
            bar.__enter__()
            state["bar"] = bar
        bar.update(1)
        if done == total:
            bar.__exit__(None, None, None)

    return update


def _date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} must be a date written YYYY-MM-DD, not '{value}'.") from None


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _render(pm: SecordocPluginManager, report: dict[str, Any], fmt: str, pages: PageImageSource | None = None) -> str:
    formats = report_formats(pm)
    if fmt not in formats:
        raise UsageError(f"Unknown report format '{fmt}'.", f"Available: {', '.join(sorted(formats))}.")
    return call_renderer(formats[fmt], report, pages)


@cli.command()
@click.argument("package", type=click.Path(path_type=Path))
@click.option("--profile", help="Profile name or JSON file (default: the manifest's, else secor-annual-review).")
@click.option("--anniversary", metavar="YYYY-MM-DD", help="The certificate's anniversary date.")
@click.option("--submitted", metavar="YYYY-MM-DD", help="Submission date (default: today).")
@click.option("--employees", type=click.IntRange(0), help="Number of employees (checked against the profile's limit).")
@click.option("--format", "fmt", default="text", show_default=True, help="Report format: text, json, html, or a plugin's.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--explain", is_flag=True, help="Show why each document was classified and dated as it was.")
@extraction_options
@click.pass_obj
def check(run: Run, package: Path, profile: str | None, anniversary: str | None, submitted: str | None,
          employees: int | None, fmt: str, output: str | None, explain: bool, **extraction: Any) -> None:
    """Check PACKAGE (a folder, a .zip or one file) against a partner profile."""

    def go() -> int:
        quiet = extraction.pop("quiet")
        settings = _settings(**extraction)
        request = CheckRequest(package, profile, _date(anniversary, "--anniversary"), _date(submitted, "--submitted"), employees)
        report = run_check(request, run.pm, settings, _progress(quiet))
        with PackagePages(package, report, run.pm, settings) as pages:  # opened only if the format shows pages
            _emit(_render(run.pm, report, fmt, pages), output)
        if explain:
            click.echo(_explain_documents(report), err=output is None and fmt == "json")
        return ExitCode.READY if report["verdict"] == "ready" else ExitCode.NOT_READY

    _guard(go)


def _explain_documents(report: dict[str, Any]) -> str:
    lines = ["", "Why each document was classified, dated and judged signed:"]
    for doc in report["documents"]:
        guess = f", best guess {doc['best_guess']}" if not doc["category"] and doc.get("best_guess") else ""
        lines.append(f"  {doc['source']}: {doc['category'] or 'unclassified'} (confidence {doc['confidence']}{guess})")
        lines.append(f"      title   '{doc.get('title') or '(none found)'}'")
        lines += [f"      cue     {e}" for e in doc["evidence"]]
        lines += _explain_dates(doc)
        lines += _explain_signatures(doc)
    return "\n".join(lines) + "\n"


def _explain_dates(doc: dict[str, Any]) -> list[str]:
    out = []
    for c in doc.get("date_candidates", []):
        won = doc["date"] == c["value"] and doc["date_text"] == c["text"]
        verdict = "CHOSEN" if won else ("ruled out" if c["score"] is None else f"score {c['score']:g}")
        label = f"'{c['label']}' ({c['label_from']})" if c["label"] else "no label"
        out.append(f"      date    p{c['page']} '{c['text']}' = {c['value']}, label {label}: {verdict}; {c['why']}")
    if not out:
        out.append("      date    no date on the document")
    return out


def _explain_signatures(doc: dict[str, Any]) -> list[str]:
    out = []
    for role in doc["signatures"]:
        for f in role.get("fields", [role]):
            where = ", ".join(f"{v:.0f}" for v in f.get("box", []))
            state = f"SIGNED ({f['method']})" if f["signed"] else "empty"
            row = f" row '{f['row']}'" if f.get("row") else ""
            out.append(f"      sign    {role['role']}: '{f['label']}'{row} ({f.get('how', '?')}) p{f['page']} [{where}] pt: {state}")
    return out


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--words", is_flag=True, help="Include every word with its box and confidence (JSON).")
@click.option("--signatures", is_flag=True, help="Show each signature field found, where, and whether it is signed.")
@extraction_options
@click.pass_obj
def extract(run: Run, path: Path, fmt: str, words: bool, signatures: bool, **extraction: Any) -> None:
    """Show per file and page what was extracted and how."""

    def go() -> int:
        if not path.exists():
            raise UsageError(f"There is no file or folder at {path}.")
        quiet = extraction.pop("quiet")
        result = extract_package(path, run.pm, _settings(**extraction), _progress(quiet))
        if fmt == "json":
            files = [
                {"path": f.file.path, "status": f.file.status, "reason": f.file.reason, "media_type": f.file.media_type,
                 "fields": f.fields, "warnings": list(f.warnings),
                 "pages": [page_to_dict(p, with_words=words) for p in f.pages]}
                for f in result.files
            ]
            click.echo(json.dumps({"files": files, "stats": result.stats, "ocr_engine": result.engine}, indent=2))
        else:
            for f in result.files:
                click.echo(f"== {f.file.path}: {f.file.status}" + (f" ({f.file.reason})" if f.file.reason else ""))
                for warning in f.warnings:
                    click.echo(f"   warning: {warning}")
                for name, value in f.fields.items():
                    click.echo(f"   field {name} = {value}")
                for p in f.pages:
                    conf = f", confidence {p.confidence}" if p.confidence is not None else ""
                    turn = f", turned {p.rotation} deg" if p.rotation else ""
                    click.echo(f"-- page {p.number}: {p.source}{conf}{turn}, {p.width:.0f}x{p.height:.0f} pt")
                    for warning in p.warnings:
                        click.echo(f"   warning: {warning}")
                    if signatures:
                        continue
                    click.echo(p.text.rstrip())
            if signatures:
                click.echo(_signature_listing(run.pm, result.files))
        return 0 if all(f.file.status != "unreadable" for f in result.files) else ExitCode.NOT_READY

    _guard(go)


def _signature_listing(pm: SecordocPluginManager, files: list[Any]) -> str:
    """Each document's type and signature fields: region, role, how the region was found, decision."""
    from .analyse import analyse, document_types
    from .report import document_entry

    lines = ["", "Signature fields (after classification):"]
    for doc in analyse(files, document_types(pm), None, "MDY"):
        entry = document_entry(doc)
        lines.append(f"  {doc.source}: {doc.category or 'unclassified'}, title '{entry['title'] or '(none found)'}'")
        lines += _explain_signatures(entry) or ["      no signature field found"]
    return "\n".join(lines)


@cli.command()
@click.argument("code")
@click.option("--profile", default="secor-annual-review", show_default=True, help="The profile whose rules to explain.")
@click.pass_obj
def explain(run: Run, code: str, profile: str) -> None:
    """Describe a finding code (what it means, how to fix it) or a profile's rule (what it checks, its source)."""

    def go() -> int:
        from .rules import by_id
        from .rules_doc import describe

        codes, data = registry(run.pm), resolve(run.pm, profile)
        rules = by_id(data)
        if code in rules:
            click.echo(describe(data, rules[code], codes))
            return 0
        if code not in codes:
            raise UsageError(f"Unknown finding code or rule '{code}'.",
                             f"Known codes: {', '.join(sorted(codes))}. Rules of {data['name']}: {', '.join(rules)}.")
        c = codes[code]
        click.echo(f"{c.code} ({c.severity} by default): {c.title}\nKeys: {', '.join(c.keys) or 'none'}\nFix: {c.fix}")
        reporting = [r.id for r in rules.values() if code in r.codes]
        if reporting:
            click.echo(f"Reported by these rules of {data['name']} (secordoc explain RULE): {', '.join(reporting)}")
        return 0

    _guard(go)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def plugins(run: Run, fmt: str) -> None:
    """List loaded plugins, their versions, the hooks they implement and what they supply."""

    def go() -> int:
        from .analyse import document_types

        pm = run.pm
        types = document_types(pm)
        profiles = available(pm)
        codes = pm.contributions("secordoc_finding_codes")
        rows = []
        for info in pm.plugin_list():
            plugin = pm.get_plugin(info["name"])
            hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
            supplies = [f"type {slug}" for slug, (_, by) in types.items() if by == info["name"]]
            supplies += [f"profile {n}" for n, s in profiles.items() if s.plugin == info["name"]]
            supplies += [f"finding {c.code}" for by, declared in codes if by == info["name"] for c in declared]
            rows.append({**info, "hooks": hooks, "supplies": supplies})
        if fmt == "json":
            click.echo(json.dumps(rows, indent=2))
        else:
            for r in rows:
                click.echo(f"{r['name']} {r['version']} ({r['origin']})")
                click.echo(f"    hooks: {', '.join(r['hooks'])}")
                if r["supplies"]:
                    click.echo(f"    supplies: {', '.join(r['supplies'])}")
        return 0

    _guard(go)


@cli.command()
@click.pass_obj
def profiles(run: Run) -> None:
    """List the available partner profiles."""

    def go() -> int:
        for name, source in sorted(available(run.pm).items()):
            data = resolve(run.pm, name)
            click.echo(f"{name}: {data.get('title', '')}\n    from {source.origin} ({source.plugin})")
        return 0

    _guard(go)


@cli.command()
@click.argument("name", type=click.Choice(NAMES))
def schema(name: str) -> None:
    """Print the JSON Schema of the report, a profile or the manifest."""
    click.echo(json.dumps(load_schema(name), indent=2))


@cli.group()
def cache() -> None:
    """Inspect or empty the extraction cache."""


@cache.command("info")
def cache_info() -> None:
    """Where the cache is, how many entries and bytes."""
    info = ExtractionCache().info()
    click.echo(f"{info['path']}: {info['entries']} entries, {info['bytes'] / 1e6:.1f} MB (limit {info['limit_bytes'] / 1e6:.0f} MB)")


@cache.command("clear")
def cache_clear() -> None:
    """Delete every cached extraction."""
    click.echo(f"Removed {ExtractionCache().clear()} cached extractions.")


cli.add_command(batch_command)


cli.add_command(serve_command)


def main() -> None:
    cli(prog_name="secordoc")
