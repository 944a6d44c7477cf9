"""Publication dates as printed on the portal, and as ISO 8601.

The portal prints local (China Standard) time without an offset, in several shapes:
``2024-10-24 09:05:17``, ``2024/3/8 10:00``, ``2023年5月6日``, ``2023年05月06日 14:20``.
Records keep both the raw text (``published_raw``) and the normalised value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from urllib.parse import urlsplit

PORTAL_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
"""China Standard Time has had no daylight saving since 1991: a fixed offset is exact
for everything the portal published, and needs no tz database."""

DATE_RE = re.compile(
    # "(?<!\d)(?:19|20)" written as "(?:19|20)(?<!\d(?:19|20))": a pattern that opens
    # with literals lets the regex engine skip to the next "1" or "2" in its search loop,
    # one that opens with a lookbehind is tried at every position (twice the cost).
    r"(?P<y>(?:19|20)(?<!\d(?:19|20))\d{2})\s*"
    r"(?:"
    r"(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})(?:\s*日|(?!\d))"
    r")"
    # A weekday may sit between the date and its time (2024/11/5 星期二 10:30); it is
    # taken only when a time follows, so a date alone keeps its printed extent.
    r"(?:(?:\s*[(（]?\s*(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]\s*[)）]?)?"
    r"(?:\s*|T)(?P<half>上午|下午|中午|晚上|凌晨|早上)?\s*"
    r"(?P<H>\d{1,2})\s*[:：时時点點]\s*(?P<M>\d{1,2})"
    r"(?:\s*[:：分]\s*(?P<S>\d{1,2})(?:\s*秒)?)?(?:\s*分)?(?!\d)"
    r"(?:\s*(?P<ap>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?)?"
)
"""A date (dash, slash or dot separated, or 年月日) optionally followed by a time, which
may be a 12-hour one after its half of the day (``2022年3月8日 下午3:05``) or before an
English one (Singapore's ``2024年5月5日 5:00 PM``)."""

AFTERNOON = frozenset(("下午", "晚上"))
"""Halves of the day whose hours 1-11 are 13-23 (中午 12:30 is noon, 中午1:00 is 13:00)."""

WIDE_DIGITS = str.maketrans("０１２３４５６７８９－／．：", "0123456789-/.:")
"""Full-width digits and date punctuation (``２０２２－０８－１６　１４：２０``), one for
one: matching a date on the translated text keeps the printed text's positions."""
WIDE_DIGIT_RE = re.compile("[０-９]")

CHINESE_DATE_RE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日"
)
"""A date in Chinese numerals (``二〇二三年十一月五日``), as notices and letters print it:
read only when the text holds no date in digits."""
_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def _chinese_number(text: str) -> int:
    """``五`` 5, ``十`` 10, ``十一`` 11, ``二十`` 20, ``三十一`` 31."""
    if "十" not in text:
        return _NUMERALS[text]
    tens, _, ones = text.partition("十")
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0)


def _chinese_date(s: str) -> tuple[re.Match[str], tuple[int, int, int]] | None:
    """The first date in Chinese numerals in ``s``, with (year, month, day)."""
    if "年" not in s:
        return None
    m = CHINESE_DATE_RE.search(s)
    if m is None:
        return None
    year = int("".join(str(_NUMERALS[c]) for c in m.group("y")))
    try:
        return m, (year, _chinese_number(m.group("m")), _chinese_number(m.group("d")))
    except KeyError:  # 十十
        return None


MINGUO_DATE_RE = re.compile(
    r"(?:(?:中華民國|中华民国|民國|民国)\s*(?P<y>\d{1,3})|(?<![\d./])(?P<y3>1\d{2}))\s*"
    r"(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<sep>[/.])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2})(?![\d.])(?!/))"
    r"(?:\s*(?P<half>上午|下午|晚上)?\s*(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?!\d))?"
)
"""A date in the Minguo calendar, as Taiwan prints it: ``民國113年5月2日``, ``113年5月2日``,
``113/05/02 14:30``; the year plus 1911 is the Gregorian one. Without 民國 only a
three-digit year (100 on, 2011 on) is read: ``99/11/23`` may as well be a code. Read only
when the text holds no Gregorian date."""
MINGUO_OFFSET = 1911


Moment = tuple[int, int, int, int, int]
"""(year, month, day, hour, minute) of a date read from another calendar's text."""


def _clock_hour(half: str | None, hour: int, ap: str | None = None) -> int:
    """The 24-hour hour of ``hour`` printed after its half of the day (``下午3:05`` is
    15; 中午 12:30 is noon, 中午1:00 is 13:00) or before an English one (``ap``, the
    first letter of AM or PM: ``5:00 PM`` is 17, ``12:05 AM`` is 0). An hour past 12
    is a 24-hour one whatever the words (``下午15:30``)."""
    if ap and 1 <= hour <= 12:
        return hour % 12 + (12 if ap in "Pp" else 0)
    if half and hour < 12 and (half in AFTERNOON or (half == "中午" and hour < 11)):
        return hour + 12
    return hour


def _minguo_date(s: str) -> tuple[re.Match[str], Moment] | None:
    """The first Minguo date in ``s``, with its Gregorian (year, month, day, hour,
    minute)."""
    if "年" not in s and "/" not in s and "." not in s:
        return None
    for m in MINGUO_DATE_RE.finditer(s):
        hour = _clock_hour(m.group("half"), int(m.group("H") or 0))
        year = int(m.group("y") or m.group("y3")) + MINGUO_OFFSET
        month, day = int(m.group("m") or m.group("m2")), int(m.group("d") or m.group("d2"))
        if 1 <= month <= 12 and 1 <= day <= 31 and hour < 24:
            return m, (year, month, day, hour, int(m.group("M") or 0))
    return None


def _other_calendar(s: str) -> tuple[re.Match[str], Moment, bool] | None:
    """A date printed in Chinese numerals or in the Minguo calendar, with its Gregorian
    (year, month, day, hour, minute) and whether a time is printed: read when ``s``
    holds no date in ``DATE_RE``'s shapes."""
    chinese = _chinese_date(s)
    if chinese is not None:
        return chinese[0], (*chinese[1], 0, 0), False
    minguo = _minguo_date(s)
    if minguo is not None:
        return minguo[0], minguo[1], minguo[0].group("H") is not None
    return None


def _date_match(s: str) -> re.Match[str] | None:
    """``DATE_RE``'s first match in ``s``, read with full-width digits as ASCII ones
    (``WIDE_DIGITS``: the match's positions are the printed text's)."""
    if WIDE_DIGIT_RE.search(s) is not None:
        s = s.translate(WIDE_DIGITS)
    return DATE_RE.search(s)


MONTH_DAY_RE = re.compile(
    r"(?<![\d.:/-])(?P<m>\d{1,2})\s*(?:(?P<sep>[-/.])|月)\s*(?P<d>\d{1,2})(?![\d.:/-])"
    r"(?:(?(sep)|\s*日)(?:\s*|(?<=日))(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?!\d)"
    r"|(?(sep)(?!)|\s*日))"
)
"""A date printed without its year, as listings and mobile pages print the day's news:
``11-05 16:40``, ``11/05 16:40``, ``11月5日`` or ``11月5日 16:40``. A dashed month and
day needs its time: ``10-30`` alone may be a score or a range."""


def month_day(s: str) -> tuple[int, int, tuple[int, int] | None] | None:
    """(month, day, (hour, minute) or None) of the first yearless date in ``s``
    (``MONTH_DAY_RE``); None when there is none or it is no calendar day."""
    for m in MONTH_DAY_RE.finditer(s):
        found = _month_day(m)
        if found is not None:
            return found
    return None


def _month_day(m: re.Match[str]) -> tuple[int, int, tuple[int, int] | None] | None:
    """A ``MONTH_DAY_RE`` match as (month, day, time), None when it is no calendar day."""
    month, day = int(m.group("m")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if m.group("H") is None:
        return month, day, None
    hour, minute = int(m.group("H")), int(m.group("M"))
    return (month, day, (hour, minute)) if hour < 24 and minute < 60 else None


URL_DAY_RE = re.compile(
    r"(?<!\d)(?P<y>20\d{2})[/_-]?(?P<m>0[1-9]|1[0-2])[/_-]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
"""The day in an article URL's path: ``/2024/1105/``, ``/20241105_7789``, ``/2024-11-05/``,
``/2024/11/05/``."""


SHORT_YEAR_RE = re.compile(
    r"(?<![\d.:/-])(?P<y>\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d.:/-])"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?!\d))?"
)
"""A date printed with a two-digit year (``19-03-07 16:42``): read only when the URL
names that very day (``dated_by_url``), since ``19-03-07`` may as well be a code."""


def _url_days(path: str) -> Iterator[tuple[int, int, int]]:
    """(year, month, day) of each day an article URL's path names (``URL_DAY_RE``), in
    the path's order."""
    for u in URL_DAY_RE.finditer(path):
        yield int(u.group("y")), int(u.group("m")), int(u.group("d"))


def _moment(year: int, month: int, day: int, hour: int, minute: int, tz: tzinfo) -> str | None:
    """ISO 8601 in whole seconds; None when the numbers name no calendar day (02-30)."""
    try:
        return datetime(year, month, day, hour, minute, tzinfo=tz).isoformat(timespec="seconds")
    except ValueError:
        return None


def _by_short_year(text: str, path: str, tz: tzinfo) -> tuple[str, str] | None:
    for m in SHORT_YEAR_RE.finditer(text):
        wanted = (int(m.group("y")), int(m.group("m")), int(m.group("d")))
        for year, month, day in _url_days(path):
            if (year % 100, month, day) == wanted:
                at = _moment(year, month, day, int(m.group("H") or 0), int(m.group("M") or 0), tz)
                return None if at is None else (at, m.group(0).strip())
    return None


def dated_by_url(text: str, url: str, tz: tzinfo = PORTAL_TZ) -> tuple[str, str] | None:
    """(ISO 8601, the date as printed) for a date ``text`` prints without its year
    (``11-05 16:40``, as mobile templates do), when the article's URL names that very
    month and day: the URL's year is then the date's. A printed day the URL does not
    name gives None: the year would be a guess (an article from December read in
    January). So is a date with a two-digit year (``19-03-07 16:42``) whose day the
    URL names."""
    path = urlsplit(url).path
    short = _by_short_year(text, path, tz)
    if short is not None:
        return short
    for m in MONTH_DAY_RE.finditer(text):
        printed = _month_day(m)
        if printed is None:
            continue
        month, day, clock = printed
        for year, named_month, named_day in _url_days(path):
            if (named_month, named_day) == (month, day):
                at = _moment(year, month, day, *(clock or (0, 0)), tz)
                return None if at is None else (at, m.group(0).strip())
        return None
    return None


def url_day(url: str, tz: tzinfo = PORTAL_TZ) -> str | None:
    """Midnight of the day an article's URL path names (``/2024/1105/``,
    ``/html/2024-06/14/content_…``, ``/20241108/``), as ISO 8601: the last fallback for
    the publish date of a page that prints and declares none. A CMS files an article
    under the day it was published; over the review pages that print a date, the URL's
    day was that date's every time. The first day the path names counts."""
    first = next(_url_days(urlsplit(url).path), None)
    return None if first is None else _moment(*first, 0, 0, tz)


def find_date_text(s: str) -> str | None:
    """The first date (with its time, if printed) in ``s``, exactly as printed."""
    m = _date_match(s)
    if m is not None:
        return s[m.start() : m.end()].strip()
    other = _other_calendar(s)
    return other[0].group(0).strip() if other else None


def parse_published(raw: str | None, tz: tzinfo = PORTAL_TZ) -> str | None:
    """ISO 8601 with offset for the first date in ``raw``; None when absent or invalid.

    Label text around the date is ignored (``发布日期:2024-10-24 09:05:17``). An ISO 8601
    time with an offset (``2024-10-24T01:05:17Z``, from a ``<meta>``) is converted to
    ``tz``; printed text without one is read as ``tz`` local time. A date
    without a time becomes midnight: one type for every record, while ``published_raw``
    keeps the precision that was printed. Impossible dates (month 13) give None.
    """
    if not raw:
        return None
    zoned = zoned_instant(raw)  # with "T" or a space between date and time
    if zoned is not None:
        # Whole seconds, as printed dates and `fetched_at` have: the schema's form.
        return zoned.astimezone(tz).isoformat(timespec="seconds")
    m = _date_match(raw)
    if m is None:
        other = _other_calendar(raw)
        if other is None:
            return None
        try:
            return datetime(*other[1], tzinfo=tz).isoformat()
        except ValueError:
            return None
    month = m.group("m") or m.group("m2")
    day = m.group("d") or m.group("d2")
    hour = _clock_hour(m.group("half"), int(m.group("H") or 0), m.group("ap"))
    try:
        value = datetime(
            int(m.group("y")),
            int(month),
            int(day),
            hour,
            int(m.group("M") or 0),
            int(m.group("S") or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None
    return value.isoformat()


def prints_day_only(raw: str | None) -> bool:
    """Whether the first date in ``raw`` is printed without a time (``2024年9月12日``),
    and is no ISO 8601 time with an offset."""
    if not raw or zoned_instant(raw) is not None:
        return False
    m = _date_match(raw)
    if m is None:
        other = _other_calendar(raw)
        return other is not None and not other[2]
    return m.group("H") is None


def zoned_instant(stamp: str | None) -> datetime | None:
    """``stamp`` as an ISO 8601 time with an offset (``2024-10-24T01:05:17Z``, a
    ``<meta>``'s published time, a record's ``fetched_at``) as an aware datetime; None
    when absent, unreadable or without an offset, which cannot be placed in time (the
    portal's local-time rule is only for text printed without one)."""
    if not stamp:
        return None
    try:
        value = datetime.fromisoformat(stamp.strip())
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def older_than(stamp: str | None, days: float, now: datetime | str) -> bool:
    """Whether the ISO 8601 time ``stamp`` is more than ``days`` before ``now``.

    An absent or unreadable ``stamp`` (or ``now``), or one without a zone that cannot
    be compared, counts as old: what asks wants to look again rather than trust it.
    """
    if stamp is None:
        return True
    try:
        later = datetime.fromisoformat(now) if isinstance(now, str) else now
        return later - datetime.fromisoformat(stamp) > timedelta(days=days)
    except (TypeError, ValueError):
        return True
