"""A task that hangs, crashes or eats memory ends its own task only; workers are reused otherwise."""

from __future__ import annotations

import os
import signal
import time

from secordoc.errors import DocumentError
from secordoc.isolation import WorkerPool, run_isolated


def fine(_shared, x):
    return x * 2


def pid(_shared, _x):
    return os.getpid()


def with_shared(shared, x):
    return f"{shared['name']} {x}"


def hang(_shared, _x):
    time.sleep(60)


def crash(_shared, _x):
    os.kill(os.getpid(), signal.SIGSEGV)


def hog(_shared, _x):
    return bytearray(3 * 1024 * 1024 * 1024)


def refuse(_shared, _x):
    raise DocumentError("password protected", kind="encrypted")


def broken(_shared, _x):
    raise AttributeError("'NoneType' object has no attribute 'get'")


def test_each_failure_is_its_tasks_own_and_the_rest_finish():
    start = time.monotonic()
    named = [("fine", fine), ("hang", hang), ("crash", crash), ("hog", hog), ("refuse", refuse), ("broken", broken),
             ("after", fine)]
    results = run_isolated([(name, fn, (21,)) for name, fn in named], jobs=2, time_limit=2, memory_mb=512)
    assert time.monotonic() - start < 20
    assert results["fine"].ok and results["fine"].value == 42
    assert results["hang"].kind == "timeout" and "longer than 2 s" in results["hang"].reason
    assert results["crash"].kind == "crash" and "signal 11" in results["crash"].reason
    assert results["hog"].kind == "too-big" and "512 MB" in results["hog"].reason
    assert results["refuse"].kind == "encrypted" and results["refuse"].reason == "password protected"
    assert "AttributeError" in results["broken"].reason
    assert results["after"].ok and results["after"].value == 42  # replaced workers still answer


def test_workers_live_on_across_tasks_and_get_what_cannot_be_pickled():
    results = run_isolated([(i, pid, (i,)) for i in range(40)], jobs=2, time_limit=10, memory_mb=0)
    assert all(r.ok for r in results.values())
    assert len({r.value for r in results.values()}) <= 2  # 40 tasks, two processes, no fork per task
    assert os.getpid() not in {r.value for r in results.values()}
    shared = {"name": "plugin manager", "lock": __import__("threading").Lock()}  # a lock cannot be pickled
    assert run_isolated([("x", with_shared, (1,))], jobs=1, time_limit=10, memory_mb=0, shared=shared)["x"].value == \
        "plugin manager 1"


def test_a_crashed_worker_is_replaced_and_the_pool_goes_on():
    with WorkerPool(jobs=1, memory_mb=0) as pool:
        pool.start("a", pid, (0,), 10)
        (key, first), = pool.collect()
        pool.start("b", crash, (0,), 10)
        (_, crashed), = pool.collect()
        pool.start("c", pid, (0,), 10)
        (_, after), = pool.collect()
    assert first.ok and crashed.kind == "crash" and after.ok
    assert after.value != first.value  # a fresh worker


def test_leaving_the_pool_ends_a_busy_worker_at_once():
    pool = WorkerPool(jobs=1, memory_mb=0)
    with pool:
        pool.start("slow", hang, (0,), 60)
        process = pool.workers[0].process
        assert pool.free == 0 and pool.running == ["slow"]
    assert not process.is_alive() and pool.workers == []


def test_a_worker_killed_while_idle_is_replaced_at_the_next_task():
    with WorkerPool(jobs=1, memory_mb=0) as pool:
        pool.start("a", pid, (0,), 10)
        (_, first), = pool.collect()
        os.kill(first.value, signal.SIGKILL)  # the out-of-memory killer, say
        pool.workers[0].process.join()
        pool.start("b", pid, (0,), 10)
        (_, second), = pool.collect()
    assert second.ok and second.value != first.value
