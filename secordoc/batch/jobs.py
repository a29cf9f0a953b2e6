"""What travels between the batch runner and its executors: a package to check and what came of it.

Both are plain, picklable and JSON-friendly, so they cross a fork, a subprocess's pipe and a Dask
cluster the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: ``checked``: a report was made. The others mean the package was not checked:
#: ``error`` (bad dates, invalid manifest, missing dependency: the message says which),
#: ``crashed`` (the checking process died, or a Dask worker was lost too often),
#: ``timeout`` (over ``--package-time-limit``), ``not-a-package`` (nothing secordoc reads),
#: ``interrupted`` (the batch stopped first; the next run checks it).
Status = Literal["checked", "error", "crashed", "timeout", "not-a-package", "interrupted"]


@dataclass(frozen=True)
class PackageJob:
    """One package to check, with the facts the check needs (from ``--dates``, else its manifest)."""

    name: str
    path: str
    anniversary: str | None = None
    submitted: str | None = None
    profile: str | None = None
    employees: int | None = None
    size: int = 0
    #: Report formats to render (json first), by the renderers of the report-format hook.
    formats: tuple[str, ...] = ("json",)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PackageJob:
        return cls(**{**data, "formats": tuple(data.get("formats", ("json",)))})


@dataclass
class PackageResult:
    """What came of one package: its report when checked, else the reason it was not."""

    name: str
    status: Status
    seconds: float = 0.0
    reason: str | None = None
    report: dict[str, Any] | None = None
    #: The report rendered in each of the job's formats (when checked).
    rendered: dict[str, str] = field(default_factory=dict)
    attempts: int = 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PackageResult:
        return cls(**data)


def timed_out(name: str, seconds: float, time_limit: float) -> PackageResult:
    """The row of a package ended for going over ``--package-time-limit``."""
    return PackageResult(name, "timeout", seconds, reason=f"took longer than {time_limit:.0f} s (--package-time-limit)")


def stopped_without_report(code: int | None, detail: str = "") -> str:
    """Why a package's checking process gave no report: the signal or exit code it ended with
    (and ``detail``, its last words on stderr, when known)."""
    why = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return f"the process checking this package stopped without a report ({why}{': ' + detail if detail else ''})"
