"""Scrapy's request fingerprints, computed without w3lib and json for plain URLs.

The duplicate filter fingerprints every request: Scrapy's default canonicalises the URL
with w3lib, serialises method, URL, body and headers as sorted JSON, hashes it with
SHA-1, and keeps the result in a weak dictionary keyed by the request. For a GET
without a body to a plain URL that is already canonical (``is_plain_canonical``:
every article and listing request of a crawl, whose URLs the spiders canonicalise),
that JSON is known in advance, so this writes it directly. The fingerprints are
Scrapy's, byte for byte (a property test holds them to it): a job directory written
with either fingerprinter resumes with the other.
"""

from __future__ import annotations

import hashlib
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.utils.request import RequestFingerprinter as ScrapyRequestFingerprinter

from newsarchive.urls import is_plain_canonical


class RequestFingerprinter:
    def __init__(self, crawler: Crawler | None = None) -> None:
        self._scrapy = ScrapyRequestFingerprinter(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        url = request.url
        if request.method == "GET" and not request.body and is_plain_canonical(url):
            # json.dumps({"method", "url", "body", "headers"}, sort_keys=True): a plain
            # URL has no character JSON escapes.
            data = f'{{"body": "", "headers": {{}}, "method": "GET", "url": "{url}"}}'
            return hashlib.sha1(data.encode()).digest()  # Scrapy's hash, for Scrapy's fingerprints
        return self._scrapy.fingerprint(request)
