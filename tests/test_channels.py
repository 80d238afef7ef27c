"""Channel names: canonical set, aliases (English and Vietnamese), suggestions and labels."""

from __future__ import annotations

import unicodedata

import pytest

from cjmrender import channels as ch
from cjmrender.channels import (
    ALIASES,
    CHANNEL_LABELS,
    CHANNELS,
    canonical_channel,
    channel_label,
    suggest_channel,
)

REQUIRED = ("website", "app", "search", "social", "ad", "email", "phone", "chat", "sms", "store", "event", "print",
            "word_of_mouth", "delivery", "support", "video", "review", "payment", "other")


def test_required_channels_present_and_unique() -> None:
    assert set(REQUIRED) <= set(CHANNELS)
    assert len(set(CHANNELS)) == len(CHANNELS)
    assert all(c == c.lower() and " " not in c for c in CHANNELS)


def test_every_alias_maps_to_a_canonical_channel() -> None:
    for alias, target in ALIASES.items():
        assert target in CHANNELS, alias
        assert alias not in CHANNELS, f"'{alias}' is already canonical"
        assert alias == ch._normalise(alias), f"'{alias}' is not in normalised form"
        assert canonical_channel(alias) == target


def test_no_alias_is_listed_twice() -> None:
    names = [ch._normalise(a) for group in ch._ALIAS_GROUPS.values() for a in group]
    assert len(names) == len(set(names)) == len(ALIASES)
    assert set(ch._ALIAS_GROUPS) <= set(CHANNELS)


def test_unaccented_forms_are_unambiguous() -> None:
    seen: dict[str, str] = {}
    for key, target in [*((c, c) for c in CHANNELS), *ALIASES.items()]:
        folded = ch._fold(key)
        assert seen.setdefault(folded, target) == target, f"'{key}' folds onto '{folded}' of another channel"


@pytest.mark.parametrize("name", CHANNELS)
def test_canonical_names_map_to_themselves(name: str) -> None:
    assert canonical_channel(name) == name
    assert canonical_channel(name.upper()) == name


@pytest.mark.parametrize(("name", "expected"), [
    ("Zalo ", "chat"),
    ("Facebook", "social"),
    ("fb", "social"),
    ("TikTok", "social"),
    ("Messenger", "chat"),
    ("WhatsApp", "chat"),
    ("Live chat", "chat"),
    ("Google", "search"),
    ("SEO", "search"),
    ("YouTube", "video"),
    ("banner", "ad"),
    ("TVC", "ad"),
    ("Billboard", "ad"),
    ("OOH", "ad"),
    ("Telesales", "phone"),
    ("Hotline", "phone"),
    ("Call center", "phone"),
    ("call-center", "phone"),
    ("Cửa hàng", "store"),
    ("cua hang", "store"),
    ("Showroom", "store"),
    ("word-of-mouth", "word_of_mouth"),
    ("Word of mouth", "word_of_mouth"),
    ("WOM", "word_of_mouth"),
    ("referral", "word_of_mouth"),
    ("Truyền miệng", "word_of_mouth"),
    ("Giao hàng", "delivery"),
    ("GIAO HANG", "delivery"),
    ("shipping", "delivery"),
    ("CSKH", "support"),
    ("Chăm sóc khách hàng", "support"),
    ("customer service", "support"),
    ("Shopee", "marketplace"),
    ("Lazada", "marketplace"),
    ("Tiki", "marketplace"),
    ("blog", "website"),
    ("Newsletter", "email"),
    ("E-mail", "email"),
    ("Hội thảo", "event"),
    ("webinar", "event"),
    ("Tờ rơi", "print"),
    ("brochure", "print"),
    ("iOS", "app"),
    ("Android", "app"),
    ("Đánh giá", "review"),
    ("danh gia", "review"),
    ("MoMo", "payment"),
    ("VNPay", "payment"),
    ("Thanh toán", "payment"),
    ("checkout", "payment"),
    ("Đại lý", "store"),
    ("dai ly", "store"),
    ("tư vấn viên", "in_person"),
    ("  word   of - mouth ", "word_of_mouth"),
])
def test_aliases(name: str, expected: str) -> None:
    assert canonical_channel(name) == expected


def test_decomposed_unicode_is_accepted() -> None:
    assert canonical_channel(unicodedata.normalize("NFD", "Cửa hàng")) == "store"
    assert canonical_channel(unicodedata.normalize("NFD", "Đánh giá")) == "review"


@pytest.mark.parametrize("name", ["", "   ", "carrier pigeon", "xyzzy", "quảng cáo video trên facebook"])
def test_unknown_is_none(name: str) -> None:
    assert canonical_channel(name) is None


def test_non_string_is_none() -> None:
    assert canonical_channel(None) is None  # type: ignore[arg-type]
    assert suggest_channel(3) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("typo", "expected"), [
    ("emial", "email"),
    ("websit", "website"),
    ("facebok", "facebook"),
    ("zallo", "zalo"),
    ("shoppe", "shopee"),
    ("wrd of mouth", "word_of_mouth"),
])
def test_suggestions(typo: str, expected: str) -> None:
    assert suggest_channel(typo) == expected
    assert canonical_channel(suggest_channel(typo) or "") is not None


def test_suggestion_of_known_name_is_its_canonical_and_nonsense_gets_none() -> None:
    assert suggest_channel("Zalo") == "chat"
    assert suggest_channel("qqqqqqqq") is None
    assert suggest_channel("") is None


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_labels_for_every_channel(locale: str) -> None:
    labels = CHANNEL_LABELS[locale]
    assert set(labels) == set(CHANNELS)
    for name, label in labels.items():
        assert label.strip() == label and label, name
        assert unicodedata.is_normalized("NFC", label), name


def test_vietnamese_labels() -> None:
    vi = CHANNEL_LABELS["vi"]
    assert vi["search"] == "Tìm kiếm"
    assert vi["social"] == "Mạng xã hội"
    assert vi["word_of_mouth"] == "Truyền miệng"
    assert vi["support"] == "Chăm sóc khách hàng"


def test_channel_label_fallbacks() -> None:
    assert channel_label("store", "vi") == "Cửa hàng"
    assert channel_label("store", "fr") == "Store"
    assert channel_label("store") == "Store"
    assert channel_label("carrier_pigeon", "vi") == "Carrier pigeon"


def test_locales_cover_the_shared_i18n_locales() -> None:
    from cjmrender.i18n import LOCALES

    assert set(LOCALES) <= set(CHANNEL_LABELS)
