"""Extraction in worker processes, so parsing runs beside the crawl's event loop.

A crawl's event loop is single-threaded: every millisecond it spends parsing a page is a
millisecond it does not spend downloading. ``pool.ExtractionPool`` hands each page to a
worker process (``worker``) over a socket and resumes the waiting callback when the
record comes back; ``job`` is the work itself, the same in a worker and in-process.
"""
