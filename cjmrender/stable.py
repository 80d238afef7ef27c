"""Byte-identical office files: the same map gives the same ``.pptx`` and ``.xlsx``, run after run.

A zip records when each member was written, and Office documents record when
they were created and modified, so two renders a second apart differ.  The
writers' bytes are rewritten here with one fixed time: ``SOURCE_DATE_EPOCH``
when the environment sets it (the reproducible-builds convention), else the
map's own ``date`` when it is an ISO date, else 1980-01-01, the earliest time
a zip can hold.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime, timezone

EARLIEST = datetime(1980, 1, 1, tzinfo=timezone.utc)
_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def stamp(map_date: str | None = None) -> datetime:
    """The one time written into an office file (UTC, whole seconds, never before 1980)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = None
    if epoch.isdigit():
        try:
            when = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            when = None
    if when is None and map_date:
        try:
            when = datetime.strptime(map_date.strip()[:10], "%Y-%m-%d").replace(tzinfo=timezone.utc)
        except ValueError:
            when = None
    when = when or EARLIEST
    return max(min(when, datetime(2107, 12, 31, tzinfo=timezone.utc)), EARLIEST).replace(microsecond=0)


def stable_zip(data: bytes, when: datetime) -> bytes:
    """``data`` (a zip) with every member dated ``when`` and the document's created and modified
    times (``docProps/core.xml``) set to it; members keep their order, names and compression."""
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = _CORE_TIMES.sub(lambda m: m.group(1) + iso + m.group(3), body)
            member = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            member.compress_type = info.compress_type
            member.external_attr = 0o600 << 16
            dst.writestr(member, body)
    return out.getvalue()
