"""The largest candidate of a ``srcset``, parsed as HTML parses it."""

from __future__ import annotations

import pytest

from newsarchive.extract.srcset import largest


@pytest.mark.parametrize(
    ("srcset", "url"),
    [
        ("/a.jpg 480w, /b.jpg 960w", "/b.jpg"),
        ("/b.jpg 960w,/a.jpg 480w", "/b.jpg"),
        ("/d.jpg, /d@2x.jpg 2x", "/d@2x.jpg"),
        ("/a.jpg 2x , /b.jpg 1x,", "/a.jpg"),
        ("/a.jpg 1.5x, /b.jpg 1.25x", "/a.jpg"),
        (
            "https://i.example.com/c_fill,w_480/d.jpg 480w",
            "https://i.example.com/c_fill,w_480/d.jpg",
        ),
        ("/a.jpg 480w, /b.jpg 480w", "/a.jpg"),  # the first of equals
        ("/a.jpg 100w 2x, /b.jpg 50w", "/b.jpg"),  # descriptors it cannot read count as 1x
        ("", None),
        (" , ,", None),
    ],
)
def test_largest(srcset: str, url: str | None) -> None:
    assert largest(srcset) == url
