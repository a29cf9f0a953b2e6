"""A validator plugin that misbehaves on purpose, on the package whose company says so:
"Crash Ltd." kills the process checking it, "Slow Ltd." hangs. Loaded with ``-p`` or registered."""

from __future__ import annotations

import os
import signal
import time

from secordoc.hookspecs import hookimpl


@hookimpl
def secordoc_validate(context):  # type: ignore[no-untyped-def]
    company = context.manifest.get("company")
    if company == "Crash Ltd.":
        os.kill(os.getpid(), signal.SIGKILL)
    if company == "Slow Ltd.":
        time.sleep(600)
    return []
