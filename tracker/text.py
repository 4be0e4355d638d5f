"""Small text helpers shared by every app."""

import hashlib
import re
import unicodedata


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def normalise(text: str) -> str:
    """Fold case, accents, punctuation and spacing so that spellings of one name compare equal.

    "ASEAN - Japan" and "ASEAN-Japan", "ADM 2025" and "ADM2025", "U.S." and "US" all collapse to
    the same key; used to compare names, never to display them.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ")
    return re.sub(r"[^0-9a-z]+", "", text)


def text_checksum(text: str) -> str:
    """The fingerprint a stored statement is known by: the same text is never stored twice."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
