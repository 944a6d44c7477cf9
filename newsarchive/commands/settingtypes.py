"""What a ``crawl --set NAME=VALUE`` must look like, known before the crawler starts.

A value Scrapy cannot read (``CONCURRENT_REQUESTS=abc``) would otherwise end in a
traceback from the crawler process, after the archive is locked and the run begun. The
type of a setting is the type of its default: the project's (``newsarchive/settings.py``)
first, then Scrapy's. Scrapy's defaults are read from the source of
``scrapy/settings/default_settings.py``, not imported: importing Scrapy costs the CLI a
third of a second and stays the crawler's business (see ``commands/crawl.py``).
"""

from __future__ import annotations

import ast
import importlib.util
import math
from functools import cache
from pathlib import Path

from newsarchive import settings as project
from newsarchive.pageurl import template_problem

#: Settings whose default is a whole number but which Scrapy reads with ``getfloat``:
#: ``DOWNLOAD_TIMEOUT=2.5`` is fine (a test keeps this in step with Scrapy's source).
READ_AS_FLOAT = frozenset({"DNS_TIMEOUT", "DOWNLOAD_TIMEOUT"})
#: Counts and timeouts for which 0 means a crawl that never fetches or never waits.
POSITIVE = frozenset(
    {
        "AUTOTHROTTLE_TARGET_CONCURRENCY",
        "CONCURRENT_ITEMS",
        "CONCURRENT_REQUESTS",
        "CONCURRENT_REQUESTS_PER_DOMAIN",
        "DNS_TIMEOUT",
        "DOWNLOAD_TIMEOUT",
        "NEWSARCHIVE_MAX_ARTICLE_PAGES",
        "NEWSARCHIVE_WARC_MAX_SIZE",
        "REACTOR_THREADPOOL_MAXSIZE",
    }
)
#: Delays, limits and counts where 0 is meaningful (no delay, no limit) but less is not.
NON_NEGATIVE = frozenset(
    {
        "AUTOTHROTTLE_MAX_DELAY",
        "AUTOTHROTTLE_START_DELAY",
        "CLOSESPIDER_ERRORCOUNT",
        "CLOSESPIDER_ITEMCOUNT",
        "CLOSESPIDER_PAGECOUNT",
        "CLOSESPIDER_TIMEOUT",
        "DEPTH_LIMIT",
        "DOWNLOAD_DELAY",
        "DOWNLOAD_MAXSIZE",
        "DOWNLOAD_WARNSIZE",
        "LOGSTATS_INTERVAL",
        "MEMUSAGE_LIMIT_MB",
        "MEMUSAGE_WARNING_MB",
        "NEWSARCHIVE_MAX_LISTING_DEPTH",
        "NEWSARCHIVE_REFRESH_DAYS",
        "NEWSARCHIVE_RETRY_AFTER_MAX",
        "REDIRECT_MAX_TIMES",
        "RETRY_TIMES",
    }
)
_BOOL_WORDS = frozenset({"True", "true", "False", "false"})


@cache
def scrapy_default_types() -> dict[str, type | None]:
    """Every setting Scrapy defines, with the type of its default (None when it is not a
    plain number or bool); empty when Scrapy is not installed."""
    spec = importlib.util.find_spec("scrapy")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return {}
    source = Path(next(iter(spec.submodule_search_locations)), "settings", "default_settings.py")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    types: dict[str, type | None] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    types[target.id] = _literal_type(node.value)
    return types


def _literal_type(node: ast.expr) -> type | None:
    """The type of a number or bool written as a literal or arithmetic (``1024 * 1024``)."""
    if isinstance(node, ast.Constant) and type(node.value) in (bool, int, float):
        return type(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return _literal_type(node.operand)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Pow)):
        left, right = _literal_type(node.left), _literal_type(node.right)
        if left in (int, float) and right in (int, float):
            return float if float in (left, right) else int
    return None


def is_known(name: str) -> bool:
    """True for a setting that Scrapy or this project defines (others may be an
    extension's own, or a typo)."""
    return hasattr(project, name) or name in scrapy_default_types()


def setting_type(name: str) -> type | None:
    """The type a setting's value is read as: the project's default, then Scrapy's."""
    default = getattr(project, name, None)
    kind = type(default) if default is not None else scrapy_default_types().get(name)
    if kind is int and name in READ_AS_FLOAT:
        return float
    return kind if kind in (bool, int, float) else None


def value_problem(name: str, value: str) -> str | None:
    """Why Scrapy could not use ``value`` for setting ``name`` (None: it can), parsed the
    way ``Settings.getbool/getint/getfloat`` parse it."""
    if name == "NEWSARCHIVE_ARTICLE_PAGE_URL":
        return template_problem(value)
    kind = setting_type(name)
    if kind is bool:
        return None if _is_bool(value) else "not true or false (True/False, true/false, 1/0)"
    if kind is int:
        try:
            return _range_problem(name, int(value))
        except ValueError:
            return "not a whole number"
    if kind is float:
        try:
            return _range_problem(name, float(value))
        except ValueError:
            return "not a number"
    return None


def _is_bool(value: str) -> bool:
    try:
        int(value)
    except ValueError:
        return value in _BOOL_WORDS
    return True


def _range_problem(name: str, number: float) -> str | None:
    if name not in POSITIVE | NON_NEGATIVE:
        return None
    if not math.isfinite(number):
        return "not a finite number"
    if name in POSITIVE and number <= 0:
        return "must be more than 0"
    if number < 0:
        return "must be 0 or more"
    return None
