"""The Dask executor on a LocalCluster: the same rows as the local executor, a worker lost
mid-package means the package is retried, and a package that keeps killing workers gets its row."""

from __future__ import annotations

from pathlib import Path

import batch_helpers
import cloudpickle
import dask
import pytest
from batch_helpers import DIGITAL, make_inbox, make_package
from distributed import LocalCluster

from secordoc.batch import BatchOptions, run_batch
from secordoc.batch.dask_executor import DaskExecutor
from secordoc.plugin_manager import make_plugin_manager
from secordoc.settings import Settings

#: What differs between two runs of the same package: when, how long, and how it was run.
RUN_FIELDS = ("seconds", "attempts")


@pytest.fixture(scope="module")
def cluster():
    cloudpickle.register_pickle_by_value(batch_helpers)  # the workers need not import the tests
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as local:
            yield local


def _comparable(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in RUN_FIELDS} for r in rows]


def test_dask_rows_equal_the_local_executors(tmp_path: Path, cluster):
    pm = make_plugin_manager()  # as the Dask child builds it: entry points included
    inbox = make_inbox(tmp_path)
    local = run_batch(BatchOptions(inbox, tmp_path / "local", workers=2, show_progress=False), pm,
                      Settings(jobs=1, cache_dir=str(tmp_path / "cache-local")))
    remote = run_batch(BatchOptions(inbox, tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address,
                                    show_progress=False), pm, Settings(jobs=1, cache_dir=str(tmp_path / "cache-dask")))
    assert _comparable(remote.rows) == _comparable(local.rows)
    assert sum(r["status"] == "checked" for r in remote.rows) == 2
    for row in remote.rows:
        for path in row["reports"].values():
            assert (tmp_path / "dask" / path).read_text("utf-8") == (tmp_path / "local" / path).read_text("utf-8")


def _dask_batch(tmp_path: Path, cluster, task) -> dict[str, dict]:
    pm = make_plugin_manager()
    inbox = tmp_path / "inbox"
    make_package(inbox / "alpha", "Alpha Ltd.", DIGITAL[:2])
    settings = Settings(jobs=1, cache_dir=str(tmp_path / "cache"))
    executor = DaskExecutor(settings, (), False, 120.0, cluster.scheduler_address, task=task)
    outcome = run_batch(BatchOptions(inbox, tmp_path / "out", show_progress=False), pm, settings, executor)
    return {r["package"]: r for r in outcome.rows}


def test_a_worker_lost_mid_package_means_the_package_is_retried(tmp_path, cluster):
    rows = _dask_batch(tmp_path, cluster, batch_helpers.kill_worker_once)
    assert (tmp_path / "cache" / "worker-killed-alpha").exists()  # the first attempt did kill its worker
    assert rows["alpha"]["status"] == "checked" and rows["alpha"]["company"] == "Alpha Ltd."


def test_a_package_that_keeps_killing_workers_gets_its_row(tmp_path, cluster):
    rows = _dask_batch(tmp_path, cluster, batch_helpers.always_kill_worker)
    assert rows["alpha"]["status"] == "crashed"
    assert "Dask workers checking it were lost" in rows["alpha"]["reason"]


def test_the_package_child_runs_without_the_nannys_allocator_setting(monkeypatch):
    from secordoc.batch.dask_executor import child_environment

    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")  # what the nanny gives its workers
    monkeypatch.setenv("SECORDOC_CACHE_DIR", "/somewhere")
    env = child_environment()
    assert "MALLOC_TRIM_THRESHOLD_" not in env and env["SECORDOC_CACHE_DIR"] == "/somewhere"
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "1000")  # the user's own choice stays
    assert child_environment()["MALLOC_TRIM_THRESHOLD_"] == "1000"
