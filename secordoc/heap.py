"""The OCR workers' C heap (glibc's malloc): page buffers kept between pages, and handed back
once a worker holds too much.

Both are tunings of one allocator, so they live together and share one test of whether it is
there: on other C libraries (musl, macOS, Windows) both do nothing.
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform
import sys
from typing import Any


@functools.lru_cache(maxsize=1)
def _glibc() -> Any:
    """glibc, loaded once; None where the C library is another."""
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL(None)
    except OSError:
        return None


@functools.lru_cache(maxsize=1)
def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds (32 and 128 MiB) so a thread's page buffers are
    reused instead of unmapped and faulted in again on every page. True when applied. A user's
    own ``MALLOC_*`` or ``GLIBC_TUNABLES`` settings are left alone."""
    libc = _glibc()
    if libc is None or any(name in os.environ for name in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES")):
        return False
    try:
        m_trim_threshold, m_mmap_threshold = -1, -3
        return bool(libc.mallopt(m_mmap_threshold, 32 << 20)) and bool(libc.mallopt(m_trim_threshold, 128 << 20))
    except AttributeError:
        return False


def hand_back_freed_memory(above_mb: float) -> bool:
    """Give the memory the heap keeps free back to the system (``malloc_trim``) when this process
    holds more than ``above_mb`` resident: below that it is kept for the next pages, which would
    otherwise pay its page faults again. True when handed back."""
    libc = _glibc()
    if libc is None or resident_mb() <= above_mb:
        return False
    try:
        libc.malloc_trim(0)
    except AttributeError:
        return False
    return True


def resident_mb() -> float:
    """This process's resident size (MB); infinite where /proc does not tell."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return float("inf")
