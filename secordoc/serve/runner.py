"""What the queue's thread does with one uploaded package: the same ``run_check`` as the command
line, then the HTML and JSON reports through the report-format hook (no second pipeline)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..archive import is_zip
from ..check import CheckRequest, run_check
from ..errors import SecordocError
from ..evidence.pages import PackagePages
from ..hookspecs import PageImageSource
from ..plugin_manager import SecordocPluginManager
from ..settings import Settings
from .jobs import Job
from .uploads import Upload

Render = Callable[[SecordocPluginManager, dict[str, Any], str, PageImageSource | None], str]


def package_of(upload: Upload) -> tuple[Path, str]:
    """What to check: one uploaded zip as it is; a dropped folder from its top (where its
    secordoc.json is); loose files as one folder. With the name the report shows."""
    files = upload.files
    if len(files) == 1 and is_zip(str(upload.folder.joinpath(*files[0].parts))):
        return upload.folder.joinpath(*files[0].parts), files[0].name
    tops = {f.parts[0] for f in files}
    if len(tops) == 1 and all(len(f.parts) > 1 for f in files):
        top = next(iter(tops))
        return upload.folder / top, top
    return upload.folder, f"{len(files)} uploaded files"


def make_runner(pm: SecordocPluginManager, settings: Settings, render: Render) -> Callable[[Job], None]:
    def run(job: Job) -> None:
        try:
            request = CheckRequest(job.package, job.options.get("profile"), job.options.get("anniversary"),
                                   job.options.get("submitted"))
            report = run_check(request, pm, settings, job.progress)
            job.stage = "making the report"
            report["submission"]["package"] = job.name  # not the private folder it was unpacked in
            with PackagePages(job.package, report, pm, settings) as pages:
                job.html = render(pm, report, "html", pages)
            job.json = render(pm, report, "json", None)
            job.verdict = report["verdict"]
            job.outcome, job.stage = "done", "done"
        except SecordocError as exc:
            job.outcome, job.stage = "failed", "stopped"
            job.message = exc.message + (f" {exc.hint}" if exc.hint else "")
        except Exception as exc:  # noqa: BLE001 - the page says so; the server goes on
            job.outcome, job.stage = "failed", "stopped"
            job.message = f"Internal error ({type(exc).__name__}: {exc}). This is a bug in secordoc; please report it."

    return run
