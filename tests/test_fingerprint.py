"""The project's request fingerprints are Scrapy's, byte for byte, for every request."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis_profiles import bounded
from scrapy import Request
from scrapy.utils.misc import load_object
from scrapy.utils.request import fingerprint

from newsarchive import settings as project_settings
from pipelines.fingerprint import RequestFingerprinter

_PLAIN = st.from_regex(
    r"https?://[a-z0-9.-]{1,12}(:[0-9]{1,5})?(/[A-Za-z0-9_~.-]{0,8}){1,4}", fullmatch=True
)
_ANY = st.one_of(
    _PLAIN,
    _PLAIN.map(str.upper),
    st.tuples(_PLAIN, st.text(max_size=12)).map(lambda p: p[0] + "?" + p[1]),
    st.tuples(_PLAIN, st.text(max_size=12)).map(lambda p: p[0] + "#" + p[1]),
    st.tuples(_PLAIN, st.text(min_size=1, max_size=8)).map(lambda p: p[0] + "/" + p[1]),
)


@bounded(400)
@given(_ANY, st.sampled_from(["GET", "POST", "HEAD"]), st.sampled_from([b"", b"x=1"]))
@example("http://www.ailab.cn/robot/2024/1024/452817.html", "GET", b"")
@example("http://www.ailab.cn/a b.html", "GET", b"")
@example('http://www.ailab.cn/a"b.html', "GET", b"")
def test_same_fingerprint_as_scrapy(url: str, method: str, body: bytes) -> None:
    try:
        request = Request(url, method=method, body=body)
    except ValueError:  # not a URL Scrapy accepts: nothing to fingerprint
        return
    assert RequestFingerprinter().fingerprint(request) == fingerprint(request)


def test_crawl_urls_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without this the property above could hold by handing every request to Scrapy."""
    fingerprinter = load_object(project_settings.REQUEST_FINGERPRINTER_CLASS)()
    assert isinstance(fingerprinter, RequestFingerprinter)

    def refuse(request: Request) -> bytes:
        raise AssertionError(f"{request.url} went to Scrapy's fingerprinter")

    monkeypatch.setattr(fingerprinter._scrapy, "fingerprint", refuse)
    for url in ["http://127.0.0.1:8000/robot/2024/1024/1.html", "https://www.ailab.cn/"]:
        request = Request(url)
        assert fingerprinter.fingerprint(request) == fingerprint(request)


@pytest.mark.parametrize("verbatim", [True, False])
def test_verbatim_requests_too(verbatim: bool) -> None:
    request = Request("http://127.0.0.1:8000/a/1.html", meta={"verbatim_url": verbatim})
    assert RequestFingerprinter().fingerprint(request) == fingerprint(request)
