"""The local web page (Starlette): upload a package, give its dates, follow the check page by
page, read the HTML report, download it and its JSON.

Routes: ``GET /`` the page; ``POST /checks`` an upload (multipart, with the header
``X-Secordoc: upload`` so another web site cannot post one from a visitor's browser); ``GET
/checks/ID`` the job's progress as JSON; ``GET /checks/ID/report`` the report, ``.html`` and
``.json`` as downloads. Only the Host names given are answered (DNS rebinding). The report is
served with a policy that allows no script and no network at all.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
from collections.abc import AsyncIterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, Template
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .jobs import CheckQueue, Job
from .runner import package_of
from .uploads import Limits, UploadRejected, receive

PAGE_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
               "frame-src 'self'; img-src data:; form-action 'none'; base-uri 'none'")
REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
UPLOAD_HEADER = "x-secordoc"


@cache
def _page() -> Template:
    env = Environment(loader=PackageLoader("secordoc", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("serve.html.j2")


def _date(fields: dict[str, str], name: str) -> date | None:
    value = fields.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UploadRejected(f"The {name} date must be written YYYY-MM-DD, not '{value[:40]}'.") from None


def make_app(queue: CheckQueue, root: Path, limits: Limits, hosts: list[str], profiles: list[str]) -> Starlette:
    """The application over ``queue``; uploads go in their own folders under ``root``."""

    async def page(request: Request) -> Response:
        html = _page().render(max_mb=limits.max_bytes // 1_000_000, max_files=limits.max_files, profiles=profiles)
        return HTMLResponse(html, headers={"Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-store"})

    async def upload(request: Request) -> Response:
        if request.headers.get(UPLOAD_HEADER) != "upload":
            return JSONResponse({"error": "Uploads come from secordoc's own page."}, 403)
        folder = root / secrets.token_hex(8)
        folder.mkdir(mode=0o700)
        try:
            length = request.headers.get("content-length")
            received = await receive(request.stream(), request.headers.get("content-type", ""),
                                     int(length) if length and length.isdigit() else None, folder / "package", limits)
            options: dict[str, Any] = {"anniversary": _date(received.fields, "anniversary"),
                                       "submitted": _date(received.fields, "submitted"),
                                       "profile": received.fields.get("profile") or None}
            if options["profile"] and options["profile"] not in profiles:
                raise UploadRejected(f"Unknown profile '{options['profile'][:60]}'.")
        except UploadRejected as exc:
            shutil.rmtree(folder, ignore_errors=True)
            return JSONResponse({"error": exc.message}, exc.status)
        except ClientDisconnect:  # the browser went away mid-upload: nothing is kept
            shutil.rmtree(folder, ignore_errors=True)
            return Response(status_code=400)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        package, name = package_of(received)
        job = Job(folder, package, name, options)
        queue.submit(job)
        return JSONResponse(job.status(queue.position(job)), 202)

    def _job(request: Request) -> Job | None:
        return queue.jobs.get(request.path_params["id"])

    async def status(request: Request) -> Response:
        job = _job(request)
        if job is None:
            return JSONResponse({"error": "No such check (reports are kept for an hour)."}, 404)
        return JSONResponse(job.status(queue.position(job)), headers={"Cache-Control": "no-store"})

    async def report(request: Request) -> Response:
        job = _job(request)
        if job is None or job.state != "done":
            return JSONResponse({"error": "The report is not ready."}, 404 if job is None else 409)
        kind = request.url.path.rsplit("/report", 1)[-1]
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in job.name)[:60] or "package"
        if kind == ".json":
            return Response(job.json, media_type="application/json",
                            headers={"Content-Disposition": f'attachment; filename="secordoc-{safe}.json"'})
        headers = {"Content-Security-Policy": REPORT_POLICY, "X-Content-Type-Options": "nosniff"}
        if kind == ".html":
            headers["Content-Disposition"] = f'attachment; filename="secordoc-{safe}.html"'
        return HTMLResponse(job.html, headers=headers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            queue.stop()
            shutil.rmtree(root, ignore_errors=True)

    routes = [
        Route("/", page),
        Route("/checks", upload, methods=["POST"]),
        Route("/checks/{id}", status),
        Route("/checks/{id}/report", report),
        Route("/checks/{id}/report.html", report),
        Route("/checks/{id}/report.json", report),
    ]
    return Starlette(routes=routes, lifespan=lifespan,
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)])
