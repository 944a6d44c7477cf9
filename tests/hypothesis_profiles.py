"""Hypothesis settings for the property tests: reproducible by default, longer on request.

The default is derandomized (examples derived from each test's source, so every run and
every machine tries the same inputs) and database-less (nothing read from or written to
``.hypothesis/``): a failure in CI is a failure on a developer's machine too.

``NEWSARCHIVE_PROPERTY_SCALE=N`` multiplies every example budget by ``N`` and switches to
random generation: a long, exploratory run. A failure there prints the falsifying example
and a ``@reproduce_failure`` blob; pin it as a golden case or an ``@example``.

Kept out of ``conftest.py`` on purpose: the settings are applied per test with
``bounded(...)``, so no global profile is loaded and other tests are unaffected.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("NEWSARCHIVE_PROPERTY_SCALE", "1") or "1"))
"""Multiplier of every example budget; above 1 the run is random rather than fixed."""

settings.register_profile(
    "newsarchive-reproducible",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "newsarchive-long",
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

BASE = settings.get_profile("newsarchive-long" if SCALE > 1 else "newsarchive-reproducible")


def bounded(max_examples: int) -> settings:
    """The base profile with ``max_examples`` (times ``SCALE``) examples."""
    return settings(BASE, max_examples=max_examples * SCALE)
