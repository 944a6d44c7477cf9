"""Scrapy settings for newsarchive, and the crawl's own configuration.

This module is plain Python (it imports nothing from Scrapy) so the CLI and the tests can
read the same values. Everything that ties the crawler to one site lives here or in
``newsarchive/selectors.py``: pointing at the live portal, a mirror or a fixture server
is a matter of configuration (``-s NEWSARCHIVE_BASE_URL=...`` or ``--base-url``).
"""

from __future__ import annotations

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- Where, what ------------------------------------------------------------------
#: The site root the start paths are joined to.
NEWSARCHIVE_BASE_URL = "http://www.ailab.cn/"
#: Listing pages a full crawl starts from: the home page and the channel listings
#: (机器学习, 机器人, 展会信息港/展会大全, 语音识别).
NEWSARCHIVE_START_PATHS = [
    "/",
    "/robot/list_8_1.html",
    "/Intelligent_Robots/list_49_1.html",
    "/zhanhui/list_61_1.html",
    "/mode/voice/list_14_1.html",
]
#: A link is an article when its path matches one of these (DedeCMS naming rules
#: ``{typedir}/{Y}/{M}{D}/{aid}.html`` and the older ``/html/{aid}.html``).
NEWSARCHIVE_ARTICLE_URL_PATTERNS = [
    r"/\d{4}/\d{4}/\d+\.html$",
    r"/html/\d+\.html$",
]
#: A link is a listing page (followed for more links) when its path and query match.
NEWSARCHIVE_LISTING_URL_PATTERNS = [
    r"/list_\d+_\d+\.html$",
    r"^/?(\?page=\d+)?$",
]
#: Output script of every text field: "zh-Hans" (simplified) or "original".
NEWSARCHIVE_SCRIPT = "zh-Hans"
#: The archive directory (JSON Lines files, index, run log).
NEWSARCHIVE_ARCHIVE = "archive"
#: Walk every listing page and fetch every article again (``--full``).
NEWSARCHIVE_FULL = False
#: Known articles published within this many days are fetched again to follow edits
#: and view counts (``--refresh-days``).
NEWSARCHIVE_REFRESH_DAYS = 2.0
#: A listed URL found not to be an article (404, 410, a not-found page) is skipped by
#: incremental crawls, and fetched again once that finding is this many days old (a page
#: missing for an hour is not missing for good); 0 checks it again only with ``--full``.
NEWSARCHIVE_GONE_RECHECK_DAYS = 30.0
#: fsync appended files before each group commit of the index (at most a second or 500
#: lines apart) and at close. A killed process loses nothing either way (written data is
#: in the kernel); fsync bounds what a power loss can take to that last second, which
#: the next crawl fetches again because the index is never ahead of the files.
NEWSARCHIVE_FSYNC = True
#: Processes that extract articles beside the crawl's event loop (``newsarchive.workers``):
#: ``"auto"`` is one per core beyond the first, at most four, and none on one core; ``0``
#: extracts in the crawl process itself; a count is at most 32 (``workers.sizing``).
#: Parsing a page costs about as much CPU as Scrapy spends downloading it, so on two
#: cores a worker nearly doubles what one crawl can fetch per second.
NEWSARCHIVE_EXTRACT_WORKERS = "auto"
#: Listing pages walked from one start URL at most: ends endless pagination traps.
NEWSARCHIVE_MAX_LISTING_DEPTH = 500
#: Pages of one article fetched at most: a long article split over ``453100.html``,
#: ``453100_2.html``… is one record of all its pages (``newsarchive.article_pages``);
#: 1 archives first pages only.
NEWSARCHIVE_MAX_ARTICLE_PAGES = 50
#: Where page N of an article is, given its first page (``newsarchive.pageurl``):
#: ``{stem}`` the first page's path without its extension, ``{ext}`` the extension,
#: ``{n}`` the page number. DedeCMS: ``453300.html``, ``453300_2.html``…
NEWSARCHIVE_ARTICLE_PAGE_URL = "{stem}_{n}{ext}"
#: Set by ``newsarchive crawl`` so it can find its own run record.
NEWSARCHIVE_RUN_ID = ""
#: Fields an article must have to be stored; a missing one drops the article and is
#: counted as ``newsarchive/invalid/<field>``.
NEWSARCHIVE_REQUIRED_FIELDS = ["id", "url", "title", "sections", "content_hash", "fetched_at"]

# --- Politeness for the live site ------------------------------------------------------
USER_AGENT = "newsarchive/0.1 (archival crawler; +https://pypi.org/project/newsarchive/)"
ROBOTSTXT_OBEY = True
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 30
#: Longest wait a Retry-After header can impose on one request (seconds).
NEWSARCHIVE_RETRY_AFTER_MAX = 120.0
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
#: Scrapy's remote-control extension serves an HTTP endpoint that runs Python code sent
#: to it, and writes its token to a job file in the user's profile. An unattended
#: crawler needs neither; it also costs a tenth of a second of start-up (aiohttp).
REMOTE_CONTROL_ENABLED = False

# --- Pipeline and extensions -------------------------------------------------------------
ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.dedup.DedupPipeline": 200,
    "pipelines.store.StorePipeline": 300,
}
EXTENSIONS = {
    # First of ours: nothing may touch the archive before its lock is held.
    "pipelines.lock.ArchiveLockExtension": 1,
    "pipelines.runlog.RunLogExtension": 500,
    "pipelines.progress.ProgressExtension": 510,
    "pipelines.quietlog.QuietNetworkErrors": 520,
    "pipelines.gctuning.GarbageCollectorTuning": 530,
    "pipelines.hangup.HangupShutdown": 540,
}
#: Young-generation threshold of Python's garbage collector in the crawl process, which
#: also freezes the objects that exist when the engine starts (pipelines/gctuning.py);
#: 0 keeps Python's default (700).
NEWSARCHIVE_GC_THRESHOLD = 10_000
#: Log network failures with full tracebacks instead of one line each.
NEWSARCHIVE_TRACEBACKS = False
#: Live progress line on stderr: "auto" (on a terminal when the log is quiet), True, False.
NEWSARCHIVE_PROGRESS = "auto"
#: Scrapy's default of 100 starts a hundred tasks per response for one item; a few is
#: plenty for pipelines that do local disk I/O.
CONCURRENT_ITEMS = 4

#: Scrapy's stats collector without its per-access deprecation shim (pipelines/stats.py).
STATS_CLASS = "pipelines.stats.StatsCollector"
#: Scrapy's log formatter, without building per-page DEBUG records the log level drops.
LOG_FORMATTER = "pipelines.logformatter.LogFormatter"
#: Scrapy's request fingerprints, without w3lib and json for plain canonical URLs.
REQUEST_FINGERPRINTER_CLASS = "pipelines.fingerprint.RequestFingerprinter"

LOG_LEVEL = "INFO"
LOGSTATS_INTERVAL = 30.0
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
#: ``scrapy crawl`` exiting with the crawl's exit code (README, "Exit codes") rather
#: than Scrapy's 0 for any crawl that ran.
COMMANDS_MODULE = "pipelines.commands"

# --- Raw exchanges in WARC ------------------------------------------------------------------
#: Above HttpCompressionMiddleware (590) so bodies are recorded as sent; see pipelines/warc.py.
#: A full disk met by the spider's own writes (its walk state) ends the crawl in one line.
SPIDER_MIDDLEWARES = {"pipelines.storagefailure.StorageFailureMiddleware": 50}
DOWNLOADER_MIDDLEWARES = {
    # Just above RetryMiddleware (550): wait as a 429/503 asks before it retries.
    "pipelines.retryafter.RetryAfterMiddleware": 560,
    # Scrapy's meta-refresh redirects, without decoding pages that cannot hold one.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "pipelines.metarefresh.MetaRefreshMiddleware": 580,
    "pipelines.warc.WarcMiddleware": 950,
}
#: Write every request and response to ``ARCHIVE/warc/*.warc.gz``.
NEWSARCHIVE_WARC_ENABLED = True
#: Write WARC records in a process of their own (``newsarchive.warc.remote``), which
#: takes record building and gzip off the crawl's event loop: ``"auto"`` (when there is
#: a core to spare, as for ``NEWSARCHIVE_EXTRACT_WORKERS``), ``True`` or ``False``.
NEWSARCHIVE_WARC_PROCESS = "auto"
#: A WARC file is closed and a new one started before it would grow past this (bytes).
NEWSARCHIVE_WARC_MAX_SIZE = 1024**3
