"""``secordoc serve``: the local web page, for people who would rather not use a terminal.

Listens on 127.0.0.1 (a free port unless one is given) and opens the browser. Any other address
is allowed only when asked for, with a warning: whoever can reach it can upload packages and
read reports. The web framework loads only when the command runs, so other commands start as
fast as before.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import shutil
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path
from typing import Any

import click

from ..settings import Settings, default_jobs


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        from ..errors import UsageError

        raise UsageError(f"Cannot listen on {host}:{port} ({exc.strerror}).", "Give another --port, or 0 for a free one.") from None
    sock.listen(64)
    return sock


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback lets other machines upload packages: asked for, and warned.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="Port (0: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open a browser (print the address only).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), help="Pages read at once (default: every core).")
@click.option("--max-upload-mb", type=click.IntRange(1, 1 << 20), help="Largest upload (default: the zip size limit).")
@click.pass_obj
def serve(run: Any, host: str, port: int, no_browser: bool, jobs: int | None, max_upload_mb: int | None) -> None:
    """Open a local web page to check a package: drop it, give its dates, read the report."""
    from ..cli import _guard

    _guard(lambda: _serve(run, host, port, no_browser, jobs, max_upload_mb))


def _serve(run: Any, host: str, port: int, no_browser: bool, jobs: int | None, max_upload_mb: int | None) -> int:
    import uvicorn

    from ..cli import _render
    from ..extract import work_root
    from ..profiles import available
    from .app import make_app
    from .jobs import CheckQueue
    from .runner import make_runner
    from .uploads import Limits

    settings = Settings(jobs=jobs or default_jobs())
    limits = Limits(max_bytes=(max_upload_mb or settings.zip_max_total_bytes // 1_000_000) * 1_000_000,
                    max_files=settings.zip_max_entries)
    if not _loopback(host):
        click.secho(f"secordoc serve: listening on {host}, not only this computer: anyone who can reach it can upload "
                    "packages and read reports.", fg="yellow", err=True)
    sock = _listen(host, port)
    port = sock.getsockname()[1]
    remove_stale(Path(work_root(settings)))
    root = Path(work_root(settings)) / f"serve-{os.getpid()}-{secrets.token_hex(4)}"
    root.mkdir(mode=0o700, parents=True)
    queue = CheckQueue(make_runner(run.pm, settings, _render))
    shown = f"[{host}]" if ":" in host else host
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1", host]
    app = make_app(queue, root, limits, hosts, sorted(available(run.pm)))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    click.echo(f"secordoc is serving {url} (Ctrl-C to stop).", err=True)
    if not no_browser:
        threading.Thread(target=_open_when_started, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn hands Ctrl-C back once it has shut down: the normal way to stop
        pass
    finally:
        queue.stop(timeout=0.5)
        shutil.rmtree(root, ignore_errors=True)
        sock.close()
    click.echo("secordoc serve stopped; every upload is deleted.", err=True)
    return 0


def remove_stale(work: Path) -> list[Path]:
    """Delete the folders of servers that ended without cleaning up (killed): their process is gone."""
    removed = []
    for folder in work.glob("serve-*-*"):
        try:
            os.kill(int(folder.name.split("-")[1]), 0)
            continue  # that server still runs
        except ProcessLookupError:
            pass
        except (ValueError, PermissionError):
            continue  # not ours to judge
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _open_when_started(server: Any, url: str) -> None:
    for _ in range(100):
        if server.started:
            webbrowser.open(url)
            return
        time.sleep(0.1)
    print(f"secordoc: open {url} in a browser.", file=sys.stderr)
