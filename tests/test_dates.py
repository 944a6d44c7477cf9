"""Publication dates: every shape the portal prints, as ISO 8601 with +08:00."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from newsarchive.dates import (
    PORTAL_TZ,
    dated_by_url,
    find_date_text,
    month_day,
    older_than,
    parse_published,
    prints_day_only,
    url_day,
)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-10-24 09:05:17", "2024-10-24T09:05:17+08:00"),
        ("2024-10-24 09:05", "2024-10-24T09:05:00+08:00"),
        ("2024/3/8 10:00", "2024-03-08T10:00:00+08:00"),
        ("2024/02/26", "2024-02-26T00:00:00+08:00"),
        ("2023年5月6日", "2023-05-06T00:00:00+08:00"),
        ("2023年05月06日 14:20", "2023-05-06T14:20:00+08:00"),
        ("2023年9月12日14时20分", "2023-09-12T14:20:00+08:00"),
        ("2022-12-01", "2022-12-01T00:00:00+08:00"),
        ("2019.05.17", "2019-05-17T00:00:00+08:00"),
        ("2024-10-24T09:05:17", "2024-10-24T09:05:17+08:00"),
        ("发布日期:2024-10-24 09:05:17", "2024-10-24T09:05:17+08:00"),
        ("發布日期：2024-10-24 09:05:17\u00a0\u00a0瀏覽：990次", "2024-10-24T09:05:17+08:00"),
        ("时间：2024/3/8 10:00 来源：新华网", "2024-03-08T10:00:00+08:00"),
        ("[机器学习] 2024-11-18", "2024-11-18T00:00:00+08:00"),
        ("2024-10-24 990次", "2024-10-24T00:00:00+08:00"),
        # A weekday between the date and the time, as many portals print it.
        ("2024/11/5 星期二 10:30", "2024-11-05T10:30:00+08:00"),
        ("2024年11月5日 周二 10:30", "2024-11-05T10:30:00+08:00"),
        ("2024年11月5日（星期二）10:30", "2024-11-05T10:30:00+08:00"),
        ("2024-11-10 星期日 08:05:09 来源：新华网", "2024-11-10T08:05:09+08:00"),
        ("2024-11-05 週二", "2024-11-05T00:00:00+08:00"),
        # full-width digits, Chinese numerals, a 12-hour time after its half of the day
        ("２０２２－０８－１６\u3000１４：２０", "2022-08-16T14:20:00+08:00"),
        ("发布时间：二〇二三年十一月五日", "2023-11-05T00:00:00+08:00"),
        ("二〇二四年十二月三十一日", "2024-12-31T00:00:00+08:00"),
        ("二〇二四年十月二十日", "2024-10-20T00:00:00+08:00"),
        ("2022年3月8日 下午3:05", "2022-03-08T15:05:00+08:00"),
        ("2022年3月8日 晚上11:05", "2022-03-08T23:05:00+08:00"),
        ("2022年3月8日 上午9:05", "2022-03-08T09:05:00+08:00"),
        ("2022年3月8日 中午12:30", "2022-03-08T12:30:00+08:00"),
        ("2022年3月8日 下午12:30", "2022-03-08T12:30:00+08:00"),
        # an English half of the day after the time (Singapore's and Malaysia's papers)
        ("发布/2024年5月5日 5:00 PM", "2024-05-05T17:00:00+08:00"),
        ("2024年5月5日 5:00 AM", "2024-05-05T05:00:00+08:00"),
        ("2024-05-05 12:05 AM", "2024-05-05T00:05:00+08:00"),
        ("2024-05-05 12:30 p.m.", "2024-05-05T12:30:00+08:00"),
        ("2024-05-05 10:52am", "2024-05-05T10:52:00+08:00"),
        ("2024-05-05 17:00 PM", "2024-05-05T17:00:00+08:00"),
        # not a half of the day: a word that begins with its letters
        ("2024-05-05 5:00 AMD财报", "2024-05-05T05:00:00+08:00"),
        ("2024-05-05 5:00 Pmod", "2024-05-05T05:00:00+08:00"),
    ],
)
def test_parse_published(raw: str, iso: str) -> None:
    assert parse_published(raw) == iso


@pytest.mark.parametrize(
    "raw",
    [
        "2024-13-01",
        "2024-02-30",
        "2023年13月6日",
        "2024-10-24 25:00",
        "2024-10-24 09:61",
        "no date here",
        "",
        None,
        "1024-10-24",  # outside 1900-2099
        "浏览:990次",
        "12024-10-24",
        "二〇二三年十三月五日",
        "二〇二三年二月三十日",
    ],
)
def test_invalid_or_absent_dates_give_none(raw: str | None) -> None:
    assert parse_published(raw) is None


def test_tz_parameter() -> None:
    assert parse_published("2024-10-24 09:05", tz=UTC) == "2024-10-24T09:05:00+00:00"
    assert parse_published("2024-07-01 12:00", tz=ZoneInfo("Asia/Shanghai")) == (
        "2024-07-01T12:00:00+08:00"
    )
    assert PORTAL_TZ.utcoffset(None) == timedelta(hours=8)


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        (
            "来源:互联网\u00a0\u00a0\u00a0发布日期:2024-10-24 09:05:17\u00a0\u00a0\u00a0浏览:990次",
            "2024-10-24 09:05:17",
        ),
        ("来源：\n新华网\n2023年5月6日\n点击：\n321", "2023年5月6日"),
        ("[机器学习] 2024/9/20", "2024/9/20"),
        ("发布时间：2023年05月06日 14:20 作者：张三", "2023年05月06日 14:20"),
        ("2024-13-01", "2024-13-01"),  # as printed, even when invalid
        ("浏览:990次", None),
        ("2024/11/5 星期二 10:30 来源：新华网", "2024/11/5 星期二 10:30"),
        ("2024-11-05 週二 来源：新华网", "2024-11-05"),
        ("發佈時間：２０２２－０８－１６　１４：２０ ｜ 來源", "２０２２－０８－１６　１４：２０"),
        ("【发布时间：二〇二三年十一月五日】", "二〇二三年十一月五日"),
        ("二〇二三年十一月五日 与 2024-01-02", "2024-01-02"),  # digits first
        ("二〇二三年", None),
        ("发布/2024年5月5日 5:00 AM 更新/2024年5月5日 9:12 AM", "2024年5月5日 5:00 AM"),
    ],
)
def test_find_date_text(text: str, raw: str | None) -> None:
    assert find_date_text(text) == raw


@pytest.mark.parametrize(
    ("stamp", "days", "now", "old"),
    [
        ("2026-05-01T00:00:00Z", 30, "2026-06-01T00:00:00+00:00", True),
        ("2026-05-20T00:00:00+08:00", 30, "2026-06-01T00:00:00Z", False),
        ("2026-05-31T00:00:00Z", 1, "2026-05-31T23:59:59Z", False),
        ("2026-05-31T00:00:00Z", 1, "2026-06-01T00:00:01Z", True),
        (None, 30, "2026-06-01T00:00:00Z", True),  # undated: look again
        ("2026-05-31", 30, "2026-06-01T00:00:00Z", True),  # no zone: cannot compare
        ("garbage", 30, "2026-06-01T00:00:00Z", True),
        ("2026-05-31T00:00:00Z", 30, "garbage", True),
    ],
)
def test_older_than(stamp: str | None, days: float, now: str, old: bool) -> None:
    assert older_than(stamp, days, now) is old
    if now != "garbage":
        assert older_than(stamp, days, datetime.fromisoformat(now)) is old


@pytest.mark.parametrize(
    ("raw", "day_only"),
    [
        ("2024年9月12日", True),
        ("发布时间：2024-09-12", True),
        ("2024/9/12 星期四", True),
        ("2024-09-12 08:30", False),
        ("2024年9月12日 8时30分", False),
        ("2024-09-12T00:30:00+00:00", False),  # a machine time at midnight UTC
        ("", False),
        (None, False),
        ("去年秋天", False),
    ],
)
def test_prints_day_only(raw: str | None, day_only: bool) -> None:
    assert prints_day_only(raw) is day_only


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11-05 16:40", (11, 5, (16, 40))),
        ("阅读 3456 · 11/05 09:05", (11, 5, (9, 5))),
        ("11月5日 16:40", (11, 5, (16, 40))),
        ("11月5日16:40", (11, 5, (16, 40))),
        ("11月5日", (11, 5, None)),
        ("13-05 16:40 then 11-06 08:00", (11, 6, (8, 0))),  # no month 13: the next one
        ("10-30", None),  # a dashed pair alone may be a score or a range
        ("2024-10-30 16:40", None),  # a dated day is find_date_text's
        ("11-05 25:40", None),
        ("v1.2.3 16:40", None),
        ("比分 3:2", None),
    ],
)
def test_month_day_reads_a_date_printed_without_its_year(
    text: str, expected: tuple[int, int, tuple[int, int] | None] | None
) -> None:
    assert month_day(text) == expected


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        ("11-05 16:40", "https://www.ailab.cn/voice/2024/1105/453512.html",
         ("2024-11-05T16:40:00+08:00", "11-05 16:40")),
        ("来源：央视 11月5日", "https://www.ailab.cn/a/20241105_77.html",
         ("2024-11-05T00:00:00+08:00", "11月5日")),
        ("12/31 23:59", "https://m.example.com/2023-12-31/1.html",
         ("2023-12-31T23:59:00+08:00", "12/31 23:59")),
        # the URL names another day, or none: the year would be a guess
        ("11-06 16:40", "https://www.ailab.cn/voice/2024/1105/453512.html", None),
        ("11-05 16:40", "https://www.ailab.cn/voice/453512.html", None),
        # a two-digit year, read only with the URL naming that day
        ("19-03-07 16:42 丨 出处：南方日报", "https://www.ailab.cn/uav/2019/0307/8810.html",
         ("2019-03-07T16:42:00+08:00", "19-03-07 16:42")),
        ("19-03-07 16:42", "https://www.ailab.cn/uav/2019/0308/8810.html", None),
        ("19-03-07 16:42", "https://www.ailab.cn/uav/2018/0307/8810.html", None),
        ("阅读 3452", "https://www.ailab.cn/voice/2024/1105/453512.html", None),
    ],
)  # fmt: skip
def test_a_date_printed_without_its_year_takes_the_year_of_the_url_naming_its_day(
    text: str, url: str, expected: tuple[str, str] | None
) -> None:
    assert dated_by_url(text, url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.ailab.cn/robot/2024/1105/453120.html", "2024-11-05T00:00:00+08:00"),
        (
            "http://epaper.hzjjb.cn/html/2024-06/14/content_28731_16542.htm",
            "2024-06-14T00:00:00+08:00",
        ),
        ("http://www.ailab.cn/opinion/20241108/453740.html", "2024-11-08T00:00:00+08:00"),
        ("http://blog.ailab.cn/2024/12/28/ai-companies-top10-2024/", "2024-12-28T00:00:00+08:00"),
        ("https://m.kuaixunnews.com/a/20250107A03KQ700", "2025-01-07T00:00:00+08:00"),
        # a month's folder and an id, a day that does not exist, no day at all, a host's
        ("http://www.ailab.cn/uav/201708/171266.html", None),
        ("http://www.ailab.cn/robot/2024/0230/1.html", None),
        ("http://www.ailab.cn/robot/453120.html", None),
        ("http://20241105.example.cn/a/1.html", None),
    ],
)
def test_the_day_an_article_url_names(url: str, expected: str | None) -> None:
    assert url_day(url) == expected


@pytest.mark.parametrize(
    ("raw", "iso", "day_only"),
    [
        # Taiwan's Minguo calendar: the year plus 1911
        ("發佈日期：民國113年5月2日", "2024-05-02T00:00:00+08:00", True),
        ("中华民国111年8月17日 14:30", "2022-08-17T14:30:00+08:00", False),
        ("發佈日期：111/08/17", "2022-08-17T00:00:00+08:00", True),
        ("更新：113.05.02 下午 03:05", "2024-05-02T15:05:00+08:00", False),
        ("113年5月2日", "2024-05-02T00:00:00+08:00", True),
        # a Gregorian date in the same text wins
        ("2024-05-03 10:00（民國113年5月3日）", "2024-05-03T10:00:00+08:00", False),
    ],
)
def test_a_minguo_date_is_its_gregorian_day(raw: str, iso: str, day_only: bool) -> None:
    assert parse_published(raw) == iso
    assert prints_day_only(raw) is day_only
    assert find_date_text(raw) is not None


@pytest.mark.parametrize(
    "text",
    [
        "99/11/23",  # a two-digit year without 民國: a code as much as a day
        "成立113年來",
        "價格113.5元",
        "版本 1/113/05",
        "民國113年13月2日",
        "IP 10.113.5.2",
    ],
)
def test_what_is_no_minguo_date(text: str) -> None:
    assert parse_published(text) is None
