"""Channel icons: stroke-only vector paths on a 24 x 24 grid.

Geometry from Lucide 1.62.0 (ISC licence, see ICONS-LICENSE.txt), with circles, rectangles
and lines rewritten as path data and every coordinate rounded to two decimals.  Draw with
``fill="none"``, ``stroke-width="2"`` and round caps and joins.
"""

from __future__ import annotations

from ..channels import canonical_channel

ICON_GRID = 24
"""Icons are drawn on a ``ICON_GRID`` x ``ICON_GRID`` grid; the renderer scales them to their size."""

ICONS: dict[str, tuple[str, ...]] = {
    # lucide: globe
    "website": (
        "M2 12a10 10 0 1 0 20 0 10 10 0 1 0-20 0",
        "M12 2a14.5 14.5 0 0 0 0 20 14.5 14.5 0 0 0 0-20",
        "M2 12h20",
    ),
    # lucide: smartphone
    "app": (
        "M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2h-10a2 2 0 0 1-2-2v-16a2 2 0 0 1 2-2z",
        "M12 18h0.01",
    ),
    # lucide: search
    "search": (
        "m21 21-4.34-4.34",
        "M3 11a8 8 0 1 0 16 0 8 8 0 1 0-16 0",
    ),
    # lucide: thumbs-up
    "social": (
        "M15 5.88 14 10h5.83a2 2 0 0 1 1.92 2.56l-2.33 8A2 2 0 0 1 17.5 22H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.76a2 2 0 0 0 1.79-1.11L12 2a3.13 3.13 0 0 1 3 3.88Z",
        "M7 10v12",
    ),
    # lucide: megaphone
    "ad": (
        "M11 6a13 13 0 0 0 8.4-2.8A1 1 0 0 1 21 4v12a1 1 0 0 1-1.6 0.8A13 13 0 0 0 11 14H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z",
        "M6 14a12 12 0 0 0 2.4 7.2 2 2 0 0 0 3.2-2.4A8 8 0 0 1 10 14",
        "M8 6v8",
    ),
    # lucide: mail
    "email": (
        "m22 7-8.99 5.73a2 2 0 0 1-2.01 0L2 7",
        "M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-16a2 2 0 0 1-2-2v-12a2 2 0 0 1 2-2z",
    ),
    # lucide: phone
    "phone": (
        "M13.83 16.57a1 1 0 0 0 1.22-0.31l0.35-0.46A2 2 0 0 1 17 15h3a2 2 0 0 1 2 2v3a2 2 0 0 1-2 2A18 18 0 0 1 2 4a2 2 0 0 1 2-2h3a2 2 0 0 1 2 2v3a2 2 0 0 1-0.8 1.6l-0.47 0.35a1 1 0 0 0-0.29 1.23 14 14 0 0 0 6.39 6.39",
    ),
    # lucide: message-circle
    "chat": (
        "M2.99 16.34a2 2 0 0 1 0.1 1.17l-1.07 3.29a1 1 0 0 0 1.24 1.17l3.41-1a2 2 0 0 1 1.1 0.09 10 10 0 1 0-4.78-4.72",
    ),
    # lucide: message-square-text
    "sms": (
        "M22 17a2 2 0 0 1-2 2H6.83a2 2 0 0 0-1.42 0.59l-2.2 2.2A0.71 0.71 0 0 1 2 21.29V5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2z",
        "M7 11h10",
        "M7 15h6",
        "M7 7h8",
    ),
    # lucide: store
    "store": (
        "M15 21v-5a1 1 0 0 0-1-1h-4a1 1 0 0 0-1 1v5",
        "M17.77 10.31a1.12 1.12 0 0 0-1.55 0 2.5 2.5 0 0 1-3.45 0 1.12 1.12 0 0 0-1.54 0 2.5 2.5 0 0 1-3.46 0 1.12 1.12 0 0 0-1.54 0 2.5 2.5 0 0 1-3.77-3.25l2.88-4.18A2 2 0 0 1 7 2h10a2 2 0 0 1 1.65 0.87l2.9 4.19a2.5 2.5 0 0 1-3.78 3.25",
        "M4 10.95V19a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8.05",
    ),
    # lucide: calendar
    "event": (
        "M8 2v3",
        "M16 2v3",
        "M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-14a2 2 0 0 1-2-2v-14a2 2 0 0 1 2-2z",
        "M3 9h18",
    ),
    # lucide: newspaper
    "print": (
        "M15 18h-5",
        "M18 14h-8",
        "M4 22h16a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2H8a2 2 0 0 0-2 2v16a2 2 0 0 1-4 0v-9a2 2 0 0 1 2-2h2",
        "M11 6h6a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1h-6a1 1 0 0 1-1-1v-2a1 1 0 0 1 1-1z",
    ),
    # lucide: speech
    "word_of_mouth": (
        "M8.8 20v-4.1l1.9 0.2a2.3 2.3 0 0 0 2.16-2.1V8.3A5.37 5.37 0 0 0 2 8.25c0 2.8 0.66 3.05 1 4.55a5.77 5.77 0 0 1 0.03 2.76L2 20",
        "M19.8 17.8a7.5 7.5 0 0 0 0-10.6",
        "M17 15a3.5 3.5 0 0 0-0.02-4.98",
    ),
    # lucide: truck
    "delivery": (
        "M14 18V6a2 2 0 0 0-2-2H4a2 2 0 0 0-2 2v11a1 1 0 0 0 1 1h2",
        "M15 18H9",
        "M19 18h2a1 1 0 0 0 1-1v-3.65a1 1 0 0 0-0.22-0.62l-3.48-4.35A1 1 0 0 0 17.52 8H14",
        "M15 18a2 2 0 1 0 4 0 2 2 0 1 0-4 0",
        "M5 18a2 2 0 1 0 4 0 2 2 0 1 0-4 0",
    ),
    # lucide: headset
    "support": (
        "M3 11h3a2 2 0 0 1 2 2v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5Zm0 0a9 9 0 1 1 18 0m0 0v5a2 2 0 0 1-2 2h-1a2 2 0 0 1-2-2v-3a2 2 0 0 1 2-2h3Z",
        "M21 16v2a4 4 0 0 1-4 4h-5",
    ),
    # lucide: square-play
    "video": (
        "M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-14a2 2 0 0 1-2-2v-14a2 2 0 0 1 2-2z",
        "M9 9a1 1 0 0 1 1.52-0.86l4.99 3a1 1 0 0 1 0 1.72l-4.99 3A1 1 0 0 1 9 15z",
    ),
    # lucide: star
    "review": (
        "M11.52 2.3a0.53 0.53 0 0 1 0.96 0l2.3 4.67a2.12 2.12 0 0 0 1.6 1.16l5.17 0.76a0.53 0.53 0 0 1 0.29 0.9l-3.74 3.64a2.12 2.12 0 0 0-0.61 1.88l0.89 5.14a0.53 0.53 0 0 1-0.78 0.56l-4.61-2.43a2.12 2.12 0 0 0-1.98 0L6.4 21.01a0.53 0.53 0 0 1-0.77-0.56l0.88-5.14a2.12 2.12 0 0 0-0.61-1.88L2.16 9.8a0.53 0.53 0 0 1 0.29-0.91l5.17-0.76a2.12 2.12 0 0 0 1.6-1.16z",
    ),
    # lucide: credit-card
    "payment": (
        "M4 5h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-16a2 2 0 0 1-2-2v-10a2 2 0 0 1 2-2z",
        "M2 10 22 10",
        "M6 14h2",
    ),
    # lucide: shopping-cart
    "marketplace": (
        "m2.05 2.05 1.1-0.03a1 1 0 0 1 1.01 0.82l2.69 14.34A1 1 0 0 0 7.83 18H18",
        "M4.56 5h16.44a1 1 0 0 1 0.98 1.2l-1.03 6.23A2 2 0 0 1 18.96 14H6.25",
        "M16 20a2 2 0 1 0 4 0 2 2 0 1 0-4 0",
        "M6 20a2 2 0 1 0 4 0 2 2 0 1 0-4 0",
    ),
    # lucide: handshake
    "in_person": (
        "m11 17 2 2a1 1 0 1 0 3-3",
        "m14 14 2.5 2.5a1 1 0 1 0 3-3l-3.88-3.88a3 3 0 0 0-4.24 0l-0.88 0.88a1 1 0 1 1-3-3l2.81-2.81a5.79 5.79 0 0 1 7.06-0.87l0.47 0.28a2 2 0 0 0 1.42 0.25L21 4",
        "m21 3 1 11h-2",
        "M3 3 2 14l6.5 6.5a1 1 0 1 0 3-3",
        "M3 4h8",
    ),
    # lucide: circle-ellipsis
    "other": (
        "M2 12a10 10 0 1 0 20 0 10 10 0 1 0-20 0",
        "M17 12h0.01",
        "M12 12h0.01",
        "M7 12h0.01",
    ),
}
"""Path ``d`` strings per canonical channel, drawn in order."""


def icon_paths(channel: str) -> tuple[str, ...]:
    """The icon for a channel (canonical name or alias); unknown channels get the ``other`` icon."""
    found = ICONS.get(channel)
    if found is None:
        found = ICONS.get(canonical_channel(channel) or "other", ICONS["other"])
    return found
