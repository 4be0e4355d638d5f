"""Judging a run: where a title starts and ends, its head and kind, whether it is specific
enough to be an initiative's name, and how a list ("the A and the B") splits into titles."""

from __future__ import annotations

import re

from .tokens import Run, Token, head_kind, runs, tokenize
from .vocabulary import (
    ASEAN_WORD,
    CAPITALS_WORD,
    CONNECTORS,
    KIND_WORDS,
    LEADING_NOISE,
    NOT_A_NOUN,
    NUMERIC,
    ORDINAL,
    POSSESSIVE_BEFORE,
    PREPOSITIONS,
    TERMS_OF_REFERENCE,
    WEAK_WORDS,
)


def strip_leading(words: list[Token]) -> list[Token] | None:
    """Drop sentence-initial capitals and ordinals; None when the title is someone's own
    ("Korea's Indo-Pacific Strategy" is a partner's policy, not an ASEAN initiative)."""
    words = list(words)
    while words and (
        words[0].lower in LEADING_NOISE or ORDINAL.match(words[0].text) or words[0].text == "&"
    ):
        words.pop(0)
    if words and re.search(r"['’]s$", words[0].text):
        # "New Zealand's ASEAN Digital Skills Programme" is a programme for ASEAN; "Korea's
        # Indo-Pacific Strategy" is the partner's own policy.
        if len(words) > 1 and ASEAN_WORD.match(words[1].text):
            return words[1:]
        return None
    return words


def _covers(words: list[Token], spans: set[tuple[int, int]]) -> bool:
    core = strip_leading(words) or []
    return bool(core) and (core[0].start, core[-1].end) in spans


def _split_on_and(
    words: list[Token], known: set[tuple[int, int]], lower_head: str = ""
) -> list[list[Token]]:
    """ "X Forum and the 2nd ASEAN-China Cyber Dialogue" names two things; "Guide on AI
    Governance and Ethics" names one. Split where the right side starts a title of its own,
    or where the left side is exactly a name the tracker knows. `lower_head` is the run's
    lower-case head ("... and the USAID IGNITE project"): it ends the last title."""
    for i, w in enumerate(words):
        if w.lower not in ("and", "&") or i == 0:
            continue
        right = strip_leading(words[i + 1 :])
        if right is None and head_kind(_drop_kindless_lead(words[:i]))[0]:
            # "the X Programme and Korea's Indo-Pacific Strategy": the partner's own policy
            # after "and" is not part of the title before it.
            return [words[:i]]
        if not right:
            continue
        starts_title = right[0].text.upper().startswith("ASEAN") or bool(
            re.search(r"[-–]ASEAN\b", right[0].text)
        )
        left_kind, _ = head_kind(_drop_kindless_lead(words[:i]))
        # Only the right side's own first title counts: in "Declaration on Digital Trust and
        # Inclusion and the ASEAN Framework" the first "and" is inside the declaration's name.
        next_and = next((j for j, w in enumerate(right) if w.lower in ("and", "&")), len(right))
        right_kind, right_pre = head_kind(
            right[:next_and], lower_head if next_and == len(right) else ""
        )
        # "and the X ..." after a title opens another item of a list ("approved the A Work Plan
        # and Budget 2025 and the A Key Deliverables 2024"), as does a name in capitals.
        starts_title = starts_title or (
            right_kind
            and (
                (i + 1 < len(words) and words[i + 1].lower == "the")
                or bool(re.fullmatch(r"[A-Z]{2,}(?:[-–][A-Z]{2,})+", right[0].text))
            )
        )
        right_kind = right_kind and _is_specific(right[:next_and], right_pre, False)
        capitals = _capitals_name(strip_leading(words[:i]) or []) or _capitals_name(
            right[:next_and]
        )
        if (right_kind and (starts_title or left_kind)) or capitals or _covers(words[:i], known):
            return [words[:i], *_split_on_and(right, known, lower_head)]
    return [words]


def _drop_kindless_lead(words: list[Token]) -> list[Token]:
    """ "Japan for the ASEAN-Japan Cybersecurity Programme": a run that opens with words
    without a kind head and a preposition ("thanked Japan for the ...") names its title after
    the preposition. A title whose head comes before its preposition ("Guide on ...") stays."""
    while True:
        i = next((n for n, w in enumerate(words) if w.lower in PREPOSITIONS), None)
        if i is None or i == 0 or head_kind(words[:i])[0]:
            return words
        right = strip_leading(words[i + 1 :])
        if not right or not (ASEAN_WORD.match(right[0].text) or head_kind(right)[0]):
            return words
        words = right


def _terms_of_reference(words: list[Token]) -> tuple[list[Token], str, list[Token]] | None:
    """(words, kind, head words) of a title that opens with "Terms of Reference of/for ...".

    Terms of Reference give a body its mandate. When they are the ToR of an initiative ("the
    Terms of Reference for the ASEAN Digital Data Governance Network"), the initiative is the
    title: the secretariat tracks the network, and the verb before the ToR ("endorsed") becomes
    the network's status. When they are the ToR of a body that is no initiative of its own ("the
    Terms of Reference of the ASEAN Working Group on AI Governance"), the ToR are a document the
    secretariat tracks as an initiative of kind "other", named with its body. A ToR that names no
    body ("adopted its Terms of Reference") is nothing to track. None when `words` are no ToR.
    """
    if [w.lower for w in words[:3]] != list(TERMS_OF_REFERENCE):
        return None
    rest = words[3:]
    while rest and rest[-1].lower in CONNECTORS:
        rest.pop()
    if not rest or rest[0].lower not in ("of", "for"):
        return [], "", []
    body = strip_leading(rest[1:]) or []
    kind, pre = head_kind(body)
    if kind:
        return body, kind, pre
    if len([w for w in body if w.lower not in CONNECTORS and not NUMERIC.match(w.text)]) < 2:
        return [], "", []
    return words, "other", words


def _capitals_name(words: list[Token]) -> bool:
    """ "ASEAN IGNITE", "ASEAN DIGIHUB": ASEAN and one or two words in capitals, no kind word."""
    if not 2 <= len(words) <= 3 or not any(ASEAN_WORD.match(w.text) for w in words):
        return False
    others = [w for w in words if not ASEAN_WORD.match(w.text)]
    return bool(others) and all(CAPITALS_WORD.fullmatch(w.text) for w in others)


def _modifies_a_noun(text: str, end: int) -> bool:
    """ "the ASEAN MSME sector", "ASEAN TVET education": capitals before a lower-case noun
    describe the noun; a programme's name is followed by punctuation, a connector or a verb."""
    following = re.match(r"\s+([a-z][a-z-]*)\b", text[end:])
    if following is None:
        return False
    word = following.group(1)
    return not (word in CONNECTORS or word in NOT_A_NOUN or word.endswith("ed"))


def _is_specific(words: list[Token], pre: list[Token], kind_found: bool) -> bool:
    content = [w for w in words if w.lower not in CONNECTORS and not NUMERIC.match(w.text)]
    if len(content) < 2 and not kind_found:
        return False
    strong = [
        w for w in content if w.lower.strip("’'") not in KIND_WORDS and w.lower not in WEAK_WORDS
    ]
    if not strong:
        return False
    pre_strong = [w for w in pre if w in strong]
    post = [w for w in words[len(pre) :] if w in strong]
    # "Centre of Excellences": only the kind word before the preposition and little after it.
    return bool(pre_strong) or len(post) >= 2


def _name(words: list[Token], run: Run, last: bool) -> str:
    name = " ".join(w.text for w in words)
    if last and run.period:
        name = f"{name} ({run.period})"
    if last and run.suffix:
        name = f"{name} - {' '.join(w.text for w in run.suffix)}"
    return name


def find_titles(
    text: str, known_spans: list[tuple[int, int]] = ()
) -> list[tuple[str, str, str, int, int]]:
    """(name, kind, acronym, start, end) of every initiative-like title in `text`.

    `known_spans` are names already recognised in the text; a run such as "the ASEAN Digital
    Ministers Meeting and the ADM 2025 Plan" is split where one of them ends.
    """
    known = set(known_spans)
    found = []
    for run in runs(tokenize(text)):
        pieces = _split_on_and(run.words, known, run.lower_head)
        for n, piece in enumerate(pieces):
            last = n == len(pieces) - 1
            words = strip_leading(piece)
            if not words:
                continue
            while words and words[-1].lower in CONNECTORS:
                words.pop()
            if len(words) > 3 and [w.lower for w in words[-3:]] == list(TERMS_OF_REFERENCE):
                # "the ASEAN AI Safety Network Terms of Reference": the ToR of the network,
                # which takes the status said of its ToR (as "Terms of Reference of the X").
                words = words[:-3]
            terms = _terms_of_reference(words)
            if terms is not None:
                words, kind, pre = terms
            else:
                if not head_kind(words)[0]:
                    words = _drop_kindless_lead(words)
                kind, pre = head_kind(words, run.lower_head if last else "")
            if not kind and _capitals_name(words) and not _modifies_a_noun(text, words[-1].end):
                kind, pre = "programme", words
            if not kind or not _is_specific(words, pre, kind_found=bool(run.lower_head and last)):
                continue
            if POSSESSIVE_BEFORE.search(text[: words[0].start]) and not any(
                ASEAN_WORD.match(w.text) for w in words
            ):
                # "endorsed its Monitoring and Evaluation Framework": a part of something
                # named before, not an initiative of its own.
                continue
            end = words[-1].end
            if last and (run.suffix or run.period):
                end = max(end, (run.suffix or words)[-1].end)
            # A bracketed acronym after "Terms of Reference of the X (ABC)" is the body's.
            acronym = run.acronym if last and not (terms and kind == "other") else ""
            found.append((_name(words, run, last), kind, acronym, words[0].start, end))
    return found
