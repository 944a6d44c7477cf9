"""The crawl process's garbage-collector tuning: applied while the engine runs, undone after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from scrapy import Spider, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsarchive import gctune
from newsarchive import settings as project_settings
from newsarchive.gctune import gc_threshold, restore, tune
from pipelines.gctuning import GarbageCollectorTuning


@pytest.fixture(autouse=True)
def python_defaults() -> Iterator[None]:
    saved = gc.get_threshold()
    yield
    while gctune._holders:
        restore()
    gc.set_threshold(*saved)
    gc.unfreeze()


@pytest.mark.parametrize(("value", "number"), [("0", 0), (10000, 10000), (" 2_000 ", 2000)])
def test_gc_threshold(value: object, number: int) -> None:
    assert gc_threshold(value) == number


@pytest.mark.parametrize("value", ["-1", "lots", "1.5", ""])
def test_gc_threshold_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="NEWSARCHIVE_GC_THRESHOLD"):
        gc_threshold(value)


def test_tune_and_restore() -> None:
    before = gc.get_threshold()
    kept = [object() for _ in range(3)], {"a": []}
    tune(12345)
    assert gc.get_threshold() == (12345, *before[1:])
    assert gc.get_freeze_count() > 0  # what existed is out of the generations
    restore()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    restore()  # one too many changes nothing
    assert gc.get_threshold() == before
    del kept


def test_nested_tuning_ends_with_the_last() -> None:
    """Two crawls in one process: the first one's tuning holds until both have ended."""
    before = gc.get_threshold()
    tune(20000)
    tune(30000)
    assert gc.get_threshold()[0] == 20000
    restore()
    assert gc.get_threshold()[0] == 20000
    restore()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_extension_follows_the_engine() -> None:
    before = gc.get_threshold()
    crawler = get_crawler(Spider, settings_dict={"NEWSARCHIVE_GC_THRESHOLD": "20000"})
    ext = GarbageCollectorTuning.from_crawler(crawler)
    crawler.signals.send_catch_log(signals.engine_started)
    assert gc.get_threshold()[0] == 20000
    crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == before
    crawler.signals.send_catch_log(signals.engine_stopped)  # stopped twice: no harm
    assert gc.get_threshold() == before
    assert ext.threshold == 20000


def test_zero_turns_it_off() -> None:
    with pytest.raises(NotConfigured):
        GarbageCollectorTuning.from_crawler(
            get_crawler(Spider, settings_dict={"NEWSARCHIVE_GC_THRESHOLD": 0})
        )


def test_the_crawl_process_is_tuned() -> None:
    assert "pipelines.gctuning.GarbageCollectorTuning" in project_settings.EXTENSIONS
    assert gc_threshold(project_settings.NEWSARCHIVE_GC_THRESHOLD) > 700
