"""WARC (ISO 28500) files of every HTTP exchange a crawl makes; no Scrapy here.

The JSON records are derived data: when the parser is found wrong, the raw exchanges
kept here are what ``newsarchive reparse`` re-derives them from. ``writer`` appends
records (one gzip member each), ``digests`` remembers payloads across runs so repeats
become ``revisit`` records, ``recover`` closes files a killed crawl left open, and
``reader`` streams the responses back with their payloads decoded: ``span_reader`` reads
a byte range of a file into ``events`` (``locate`` finds where its records begin,
``damage`` and ``bodies`` check them), and ``reader`` takes them back in file order.
"""
