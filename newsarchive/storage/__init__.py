"""Archive storage: append-only JSON Lines files and the SQLite dedup index."""
