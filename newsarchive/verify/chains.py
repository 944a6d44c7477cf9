"""Each article's revisions: 1..n without gaps or repeats, each one naming the content
hash of the one before it (``supersedes``), all under the same id and URL."""

from __future__ import annotations

from collections.abc import Iterator

from newsarchive.verify.facts import Facts
from newsarchive.verify.problems import Problem


def check_chains(facts: Facts) -> Iterator[Problem]:
    rows = facts.db.execute(
        "SELECT id, revision, content_hash, supersedes, url, path, line FROM lines"
        " ORDER BY id, revision, path, line"
    )
    previous: tuple[str, int, str, str | None, str, str, int] | None = None
    for row in rows:
        id_, revision, _, supersedes, url, path, line = row
        first = previous is None or previous[0] != id_
        if first:
            if revision != 1:
                yield Problem(path, line, f"{id_}: first revision stored is {revision}, not 1")
            elif supersedes is not None:
                yield Problem(path, line, f"{id_}: revision 1 supersedes {supersedes}")
        else:
            assert previous is not None
            before_rev, before_hash, before_url = previous[1], previous[2], previous[4]
            if revision == before_rev:
                yield Problem(
                    path, line, f"{id_}: revision {revision} also at {previous[5]}:{previous[6]}"
                )
            elif revision != before_rev + 1:
                yield Problem(path, line, f"{id_}: revision {revision} follows {before_rev} (gap)")
            if revision != before_rev and supersedes != before_hash:
                yield Problem(
                    path,
                    line,
                    f"{id_}: revision {revision} supersedes {supersedes},"
                    f" not revision {before_rev}'s {before_hash}",
                )
            if url != before_url:
                yield Problem(path, line, f"{id_}: url {url} differs from {before_url}")
        previous = row
