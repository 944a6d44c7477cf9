"""Scrapy spiders: thin adapters over the extraction core in newsarchive."""
