"""Scrapy's meta-refresh redirects, with the pages that cannot hold one ruled out first.

Replaces ``scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware`` at the same
position (580, ``DOWNLOADER_MIDDLEWARES``): a page whose bytes show it has no refresh
(``newsarchive.refresh``) goes on without being decoded; any other goes through
Scrapy's own handling, unchanged, with its settings (``METAREFRESH_ENABLED``,
``METAREFRESH_MAXDELAY``, ``METAREFRESH_IGNORE_TAGS``).
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefresh
from scrapy.http import HtmlResponse, Response

from newsarchive.refresh import may_hold_refresh


class MetaRefreshMiddleware(ScrapyMetaRefresh):
    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if isinstance(response, HtmlResponse) and not may_hold_refresh(
            response.body, response.encoding
        ):
            return response
        return super().process_response(request, response)
