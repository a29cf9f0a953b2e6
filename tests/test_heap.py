"""The OCR workers' C heap: freed memory handed back only above a budget."""

from __future__ import annotations

import pytest

from secordoc import heap


@pytest.mark.parametrize("resident, trimmed", [(299.0, False), (301.0, True)])
def test_freed_memory_is_handed_back_only_by_a_worker_holding_more_than_its_budget(monkeypatch: pytest.MonkeyPatch,
                                                                                     resident: float, trimmed: bool):
    calls: list[int] = []

    class Libc:
        def malloc_trim(self, pad: int) -> int:
            calls.append(pad)
            return 1

    monkeypatch.setattr(heap, "_glibc", lambda: Libc())
    monkeypatch.setattr(heap, "resident_mb", lambda: resident)
    assert heap.hand_back_freed_memory(300) is trimmed
    assert calls == ([0] if trimmed else [])


def test_nothing_is_handed_back_where_the_c_library_is_not_glibc(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(heap, "_glibc", lambda: None)
    monkeypatch.setattr(heap, "resident_mb", lambda: 10_000.0)
    assert heap.hand_back_freed_memory(300) is False


def test_the_resident_size_is_read_from_the_system():
    assert 1 < heap.resident_mb() < 100_000
