#!/usr/bin/env python3
"""What the per-implementation guard costs a hook call, beside plain pluggy (the baseline): the
same built-in plugins registered on a bare ``pluggy.PluginManager``, called the same way.

A check makes a handful of hook calls per file (evidence type, loader) and a few per run, so the
guard's cost is per call, in microseconds; this prints it for a first-result hook asked once per
file and a collecting hook.

    python benchmarks/hook_calls.py [--calls 20000]
"""

from __future__ import annotations

import argparse
import importlib
import timeit

import pluggy

from secordoc import hookspecs
from secordoc.plugin_manager import BUILTIN_PLUGINS, make_plugin_manager

HEAD = b"%PDF-1.7\n" + b"\0" * 2040


def plain_pluggy() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    return pm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20000)
    calls = parser.parse_args().calls
    managers = {"plain pluggy (baseline)": plain_pluggy(), "secordoc (guarded)": make_plugin_manager(load_entry_points=False)}
    print(f"{'manager':<26}{'evidence_type us/call':>24}{'finding_codes us/call':>24}")
    for label, pm in managers.items():
        hook = pm.hook
        evidence = min(timeit.repeat(lambda h=hook: h.secordoc_evidence_type(path="a.pdf", head=HEAD), number=calls, repeat=3))
        codes = min(timeit.repeat(lambda h=hook: h.secordoc_finding_codes(), number=calls, repeat=3))
        print(f"{label:<26}{evidence / calls * 1e6:>24.2f}{codes / calls * 1e6:>24.2f}")


if __name__ == "__main__":
    main()
