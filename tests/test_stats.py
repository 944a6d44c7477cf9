"""The project's stats collector behaves as Scrapy's, without the per-access shim."""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newsarchive import settings as project_settings
from pipelines.stats import StatsCollector


def _exercise(stats: MemoryStatsCollector) -> dict[str, object]:
    stats.open_spider()
    stats.inc_value("a")
    stats.inc_value("a", 2)
    stats.inc_value("b", start=10)
    stats.max_value("m", 3)
    stats.max_value("m", 1)
    stats.min_value("n", 3)
    stats.min_value("n", 1)
    stats.set_value("s", "x")
    return dict(stats.get_stats()) | {"get": stats.get_value("a"), "none": stats.get_value("z")}


def test_same_results_as_scrapys_collector() -> None:
    ours = StatsCollector(get_crawler())
    scrapys = MemoryStatsCollector(get_crawler())
    assert _exercise(ours) == _exercise(scrapys)
    ours.clear_stats()
    assert ours.get_stats() == {}


def test_the_project_uses_it() -> None:
    assert project_settings.STATS_CLASS == "pipelines.stats.StatsCollector"
    crawler = get_crawler(settings_dict={"STATS_CLASS": project_settings.STATS_CLASS})
    assert type(crawler.stats) is StatsCollector
