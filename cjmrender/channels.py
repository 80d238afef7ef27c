"""Touchpoint channels: the canonical names, what people call them, and their display labels.

A spec may say ``channel: Zalo``, ``channel: cửa hàng`` or ``channel: word-of-mouth``;
:func:`canonical_channel` turns each into one of :data:`CHANNELS` (``chat``, ``store``,
``word_of_mouth``) so the renderer draws one icon per channel.  Vietnamese words are
accepted with or without diacritics (``giao hàng`` and ``giao hang``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

CHANNELS: tuple[str, ...] = (
    "website", "app", "search", "social", "ad", "email", "phone", "chat", "sms", "store", "event", "print",
    "word_of_mouth", "delivery", "support", "video", "review", "payment", "marketplace", "in_person", "other",
)
"""Canonical channel names, in the order a legend lists them."""

_ALIAS_GROUPS: dict[str, tuple[str, ...]] = {
    "website": ("web", "site", "web site", "www", "homepage", "home page", "landing page", "landing", "microsite",
                "blog", "online store", "webshop", "trang web", "trang chủ"),
    "app": ("mobile app", "mobile", "ios", "android", "app store", "in-app", "mini app", "ứng dụng",
            "ứng dụng di động"),
    "search": ("google", "google search", "seo", "sem", "search engine", "bing", "cốc cốc", "tìm kiếm"),
    "social": ("facebook", "fb", "fanpage", "instagram", "ig", "tiktok", "linkedin", "twitter", "threads",
               "pinterest", "social media", "social network", "community", "forum", "group", "kol", "koc",
               "influencer", "mạng xã hội", "mxh", "cộng đồng", "diễn đàn"),
    "ad": ("ads", "advert", "advertising", "advertisement", "banner", "display", "display ads", "google ads",
           "facebook ads", "ppc", "paid", "sponsored", "retargeting", "remarketing", "affiliate", "tvc", "tv",
           "television", "radio", "billboard", "ooh", "dooh", "pano", "quảng cáo", "truyền hình",
           "biển quảng cáo"),
    "email": ("e-mail", "mail", "newsletter", "edm", "email marketing", "gmail", "thư", "thư điện tử"),
    "phone": ("call", "calls", "telephone", "tel", "hotline", "telesales", "telesale", "call center",
              "call centre", "callcenter", "ivr", "voice", "điện thoại", "gọi điện", "cuộc gọi", "tổng đài"),
    "chat": ("zalo", "zalo oa", "messenger", "fb messenger", "whatsapp", "viber", "telegram", "line", "wechat",
             "livechat", "live chat", "chatbot", "bot", "inbox", "dm", "instant message", "messaging",
             "nhắn tin", "tin nhắn"),
    "sms": ("text", "text message", "texting", "mms", "sms brandname", "brandname", "tin nhắn sms"),
    "store": ("shop", "showroom", "branch", "retail", "retail store", "in-store", "outlet", "boutique", "counter",
              "supermarket", "dealer", "dealership", "reseller", "distributor", "cửa hàng", "chi nhánh",
              "siêu thị", "điểm bán", "quầy", "tạp hóa", "đại lý", "nhà phân phối", "phòng giao dịch"),
    "event": ("events", "workshop", "webinar", "seminar", "conference", "trade show", "expo", "exhibition",
              "fair", "meetup", "roadshow", "hội thảo", "sự kiện", "triển lãm", "hội chợ"),
    "print": ("flyer", "brochure", "leaflet", "catalogue", "catalog", "poster", "standee", "magazine",
              "newspaper", "press", "direct mail", "postcard", "tờ rơi", "ấn phẩm", "in ấn", "báo chí",
              "báo giấy", "tạp chí"),
    "word_of_mouth": ("wom", "referral", "referrals", "recommendation", "friends", "family", "truyền miệng",
                      "giới thiệu", "người quen", "bạn bè"),
    "delivery": ("shipping", "ship", "shipper", "courier", "logistics", "fulfilment", "fulfillment", "parcel",
                 "giao hàng", "vận chuyển", "giao nhận"),
    "support": ("cskh", "helpdesk", "help desk", "help", "help center", "help centre", "faq",
                "customer service", "customer support", "customer care", "service desk", "after-sales",
                "warranty", "returns", "chăm sóc khách hàng", "hỗ trợ", "bảo hành", "hậu mãi"),
    "video": ("youtube", "yt", "livestream", "live stream", "live", "vlog", "clip", "reels", "shorts"),
    "review": ("reviews", "rating", "ratings", "survey", "nps", "csat", "feedback", "testimonial", "đánh giá",
               "nhận xét", "khảo sát"),
    "payment": ("pay", "checkout", "check-out", "card", "credit card", "cash", "cod", "bank transfer",
                "e-wallet", "ewallet", "wallet", "installment", "momo", "vnpay", "zalopay", "shopeepay", "vietqr",
                "thanh toán", "chuyển khoản", "ví điện tử", "tiền mặt", "trả góp"),
    "marketplace": ("shopee", "lazada", "tiki", "sendo", "tiktok shop", "amazon", "ebay", "e-commerce",
                    "ecommerce", "grabfood", "shopeefood", "sàn", "sàn tmđt", "sàn thương mại điện tử", "tmđt"),
    "in_person": ("face to face", "f2f", "meeting", "sales", "sale", "sales rep", "salesperson", "field sales",
                  "door to door", "consultant", "agent", "broker", "gặp trực tiếp", "gặp mặt", "tư vấn viên",
                  "tư vấn trực tiếp", "nhân viên bán hàng", "nhân viên tư vấn", "môi giới"),
    "other": ("misc", "others", "khác"),
}

_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")


def _normalise(name: str) -> str:
    """NFC, casefold, trim; runs of spaces, hyphens and underscores become one underscore."""
    s = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    return _SEPARATORS.sub("_", s).strip("_")


def _fold(key: str) -> str:
    """Drop Vietnamese diacritics: ``giao_hàng`` -> ``giao_hang``, ``đại_lý`` -> ``dai_ly``."""
    s = unicodedata.normalize("NFD", key.replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c))


ALIASES: dict[str, str] = {_normalise(a): ch for ch, names in _ALIAS_GROUPS.items() for a in names}
"""Normalised name a user may write -> canonical channel."""



@cache
def _folded_index() -> dict[str, str]:
    """Diacritic-free name -> canonical channel, for names typed without Vietnamese accents."""
    index: dict[str, str] = {}
    for key, ch in [*((c, c) for c in CHANNELS), *ALIASES.items()]:
        index.setdefault(_fold(key), ch)
    return index

CHANNEL_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "website": "Website", "app": "Mobile app", "search": "Search", "social": "Social media",
        "ad": "Advertising", "email": "Email", "phone": "Phone", "chat": "Chat", "sms": "SMS", "store": "Store",
        "event": "Event", "print": "Print", "word_of_mouth": "Word of mouth", "delivery": "Delivery",
        "support": "Customer support", "video": "Video", "review": "Reviews", "payment": "Payment",
        "marketplace": "Marketplace", "in_person": "In person", "other": "Other",
    },
    "vi": {
        "website": "Website", "app": "Ứng dụng", "search": "Tìm kiếm", "social": "Mạng xã hội",
        "ad": "Quảng cáo", "email": "Email", "phone": "Điện thoại", "chat": "Nhắn tin", "sms": "Tin nhắn SMS",
        "store": "Cửa hàng", "event": "Sự kiện", "print": "Ấn phẩm in", "word_of_mouth": "Truyền miệng",
        "delivery": "Giao hàng", "support": "Chăm sóc khách hàng", "video": "Video", "review": "Đánh giá",
        "payment": "Thanh toán", "marketplace": "Sàn thương mại điện tử", "in_person": "Gặp trực tiếp",
        "other": "Khác",
    },
}
"""Display name of each canonical channel per locale."""


def canonical_channel(name: str) -> str | None:
    """The canonical channel for ``name`` (``"Zalo "`` -> ``"chat"``), or None when it is unknown."""
    if not isinstance(name, str):
        return None
    key = _normalise(name)
    if key in CHANNELS:
        return key
    return ALIASES.get(key) or _folded_index().get(_fold(key))


def suggest_channel(name: str) -> str | None:
    """The known channel or alias closest to a misspelt ``name`` (for "did you mean"), or None."""
    import difflib  # only needed on the error path

    if not isinstance(name, str):
        return None
    known = canonical_channel(name)
    if known is not None:
        return known
    target = _fold(_normalise(name))
    if not target:
        return None
    best: tuple[float, str] | None = None
    for cand in (*CHANNELS, *ALIASES):
        score = difflib.SequenceMatcher(None, target, _fold(cand), autojunk=False).ratio()
        # Higher score wins; on a tie the earlier candidate (canonical names come first) does.
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, cand)
    return None if best is None else best[1]


def channel_label(channel: str, locale: str = "en") -> str:
    """Display name of a channel in ``locale``, falling back to English, then to the name itself."""
    for loc in (locale, "en"):
        label = CHANNEL_LABELS.get(loc, {}).get(channel)
        if label is not None:
            return label
    return channel.replace("_", " ").capitalize()
