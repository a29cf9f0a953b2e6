"""``python -m secordoc.batch.child OUT``: check one package in a fresh process (the Dask executor's
worker side). Reads the job as JSON on stdin and writes the ``PackageResult`` as JSON to OUT.

A fresh process rather than a thread of the Dask worker: extraction forks its reader processes,
which a daemonic Dask worker may not do, and forking from a process with running threads can hang.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Any

from ..errors import SecordocError
from ..plugin_manager import make_plugin_manager
from ..settings import Settings
from .check_one import check_package
from .jobs import PackageJob, PackageResult


def request_text(job: PackageJob, settings: Settings, plugins: tuple[str, ...], keep_going: bool) -> str:
    """The child's stdin: everything it needs to check ``job`` as the batch would."""
    return json.dumps({"job": job.to_dict(), "settings": asdict(settings), "plugins": list(plugins),
                       "keep_going": keep_going})


def main(argv: list[str] | None = None) -> int:
    out = (argv if argv is not None else sys.argv[1:])[0]
    data: dict[str, Any] = json.loads(sys.stdin.read())
    job = PackageJob.from_dict(data["job"])
    try:
        pm = make_plugin_manager(tuple(data["plugins"]), keep_going=data["keep_going"])
    except SecordocError as exc:
        result = PackageResult(job.name, "error", reason=str(exc).replace("\n", " "))
    else:
        result = check_package(job, pm, Settings(**data["settings"]))
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(result.to_dict(), fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
