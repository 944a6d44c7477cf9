"""Scrapy commands of the project (``COMMANDS_MODULE``): Scrapy's own, where they must
answer as ``newsarchive`` does."""
