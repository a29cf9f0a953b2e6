"""A reader that hangs, crashes or eats memory ends its own document only."""

from __future__ import annotations

import os
import signal
import time

from secordoc.errors import DocumentError
from secordoc.isolation import IsolatedRunner


def fine(x):
    return x * 2


def hang(_):
    time.sleep(60)


def crash(_):
    os.kill(os.getpid(), signal.SIGSEGV)


def hog(_):
    return bytearray(3 * 1024 * 1024 * 1024)


def refuse(_):
    raise DocumentError("password protected", kind="encrypted")


def broken(_):
    raise AttributeError("'NoneType' object has no attribute 'get'")


def test_each_failure_is_its_documents_own_and_the_rest_finish():
    runner = IsolatedRunner(jobs=2, time_limit=2, memory_mb=512)
    start = time.monotonic()
    tasks = [(name, fn, (21,)) for name, fn in
             [("fine", fine), ("hang", hang), ("crash", crash), ("hog", hog), ("refuse", refuse), ("broken", broken)]]
    results = dict(runner.run_all(tasks))
    assert time.monotonic() - start < 20
    assert results["fine"].ok and results["fine"].value == 42
    assert results["hang"].kind == "timeout" and "longer than 2 s" in results["hang"].reason
    assert results["crash"].kind == "crash" and "crashed" in results["crash"].reason
    assert results["hog"].kind == "too-big" and "512 MB" in results["hog"].reason
    assert results["refuse"].kind == "encrypted"
    assert "AttributeError" in results["broken"].reason
