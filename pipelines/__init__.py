"""Item pipelines and crawl extensions: thin adapters over newsarchive.storage."""
