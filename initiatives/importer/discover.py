"""Stage 4 of the importer: names of initiatives the tracker does not know yet.

A statement names an initiative with a capitalised title whose head noun is a kind word
("ASEAN Cybersecurity Assessment Model (ACAM)", "ASEAN Guide on AI Governance and Ethics",
"ASEAN-EU 2023 Digital Workplan", "the ASEAN Open Data Dictionary initiative"). The scanner here
reads runs of capitalised words (with "of", "for", "on", "and", "the" ... between them), takes
the head noun before the first preposition, and keeps the run when that head is a kind word.
It never proposes what the catalogue already knows (a known initiative or partner, also when
written with brackets or another spacing) and suggests merging into a known initiative when the
new name has the same acronym, the same words in another order, or is the same partner's work
plan for the same year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.text import normalise

from .matcher import CANDIDATE, INITIATIVE, PARTNER, Entry, Matcher, is_acronym

KIND_WORDS = {
    "framework": "framework",
    "guide": "guide",
    "guidelines": "guide",
    "guideline": "guide",
    "recommendations": "guide",
    "checklist": "guide",
    "deliverables": "work_plan",
    "budget": "work_plan",
    "portal": "mechanism",
    "observatory": "centre",
    "scheme": "programme",
    "drill": "programme",
    "statement": "declaration",
    "paper": "study",
    "guidance": "guide",
    "handbook": "guide",
    "toolkit": "guide",
    "playbook": "guide",
    "principles": "guide",
    "roadmap": "roadmap",
    "plan": "work_plan",
    "workplan": "work_plan",
    "masterplan": "masterplan",
    "blueprint": "masterplan",
    "strategy": "strategy",
    "agenda": "strategy",
    "vision": "strategy",
    "agreement": "agreement",
    "accord": "agreement",
    "treaty": "agreement",
    "protocol": "agreement",
    "memorandum": "agreement",
    "mou": "agreement",
    "mechanism": "mechanism",
    "fund": "mechanism",
    "clauses": "mechanism",
    "model": "model",
    "index": "index",
    "programme": "programme",
    "program": "programme",
    "project": "programme",
    "initiative": "programme",
    "partnership": "programme",
    "instrument": "programme",
    "facility": "programme",
    "series": "programme",
    "award": "programme",
    "awards": "programme",
    "academy": "programme",
    "campaign": "programme",
    "network": "network",
    "centre": "centre",
    "center": "centre",
    "hub": "centre",
    "declaration": "declaration",
    "report": "study",
    "study": "study",
    "survey": "study",
    "assessment": "study",
    "forum": "forum",
    "dialogue": "forum",
    "sandbox": "programme",
    "platform": "mechanism",
    "code": "guide",
    # A themed year ("ASEAN-China Year of Digital Innovation") is run as a programme of events;
    # an anniversary ("the 50th Year of ...") is not: see _head.
    "year": "programme",
}
# Heads written in lower case after a capitalised name: "the ASEAN Open Data Dictionary initiative".
LOWER_HEADS = {"initiative", "programme", "program", "project"}
CONNECTORS = {"of", "for", "on", "and", "the", "in", "to", "&", "through", "with", "between"}
PREPOSITIONS = {"of", "for", "on", "in", "to", "through", "with", "between"}
LEADING_NOISE = {
    "the",
    "a",
    "an",
    "this",
    "these",
    "that",
    "further",
    "furthermore",
    "moreover",
    "additionally",
    "also",
    "as",
    "in",
    "under",
    "through",
    "meanwhile",
    "however",
    "finally",
    "lastly",
    "both",
    "such",
    "its",
    "their",
    "our",
    "all",
    "other",
    "new",
    "recent",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "and",
    "of",
    "for",
    "on",
    "to",
    "with",
}
# Words that alone do not make a title specific ("Digital Work Plan" is no initiative's name).
WEAK_WORDS = {
    "media",
    "press",
    "chairman's",
    "chairman’s",
    "chair's",
    "chair’s",
    "ministerial",
    "digital",
    "work",
    "action",
    "joint",
    "regional",
    "national",
    "annual",
    "new",
    "implementation",
    "cooperation",
    "excellence",
    "excellences",
    "the",
    "master",
    "road",
    "map",
}
# Words that say where a known initiative stands: "the ADM 2025 Completion Report", "the DEFA
# Final Report" are the known initiative with a stage (classification reads the stage).
STAGE_WORDS = {"completion", "final", "progress", "mid-term", "midterm", "review", "evaluation"}
ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$", re.I)
NUMERIC = re.compile(r"^(?:\(?(?:19|20)\d{2}(?:[-–](?:19|20)\d{2})?\)?|\d+(?:\.\d+)*)$")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b")
_L = "0-9A-Za-zÀ-ÖØ-öø-ÿ"
WORD = rf"[{_L}](?:[{_L}'’&+]|(?:\.[-–]|[.\-/–])(?=[{_L}]))*\.?"
TOKEN = re.compile(
    rf"(?P<paren>\([^()]{{1,80}}\))|(?P<word>{WORD})|(?P<dash>\s*[-–—]\s+|\s+[-–—]\s*)|(?P<other>\S)"
)
ABBREVIATION_END = re.compile(r"(?:^|[-–])(?:[A-Za-z]\.){2,}$")
# A programme known by a name in capitals: "ASEAN IGNITE", "ASEAN DIGIHUB", "DIGITAL ASEAN".
CAPITALS_WORD = re.compile(r"[A-Z]{4,}")
ASEAN_WORD = re.compile(r"^ASEAN(?:[-–][A-Z][\w.]*)?$|^[A-Z][\w.]*[-–]ASEAN$")
TERMS_OF_REFERENCE = ("terms", "of", "reference")
POSSESSIVE_END = re.compile(r"['’]s$")
POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|his|her|our)\s+$", re.I)


@dataclass
class Token:
    type: str
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return bool(re.match(r"[A-Z0-9]|[a-z]{1,2}-[A-Z]", self.text))


@dataclass
class Candidate:
    """A proposed new initiative, before the officer accepts, merges or rejects it."""

    key: str
    name: str
    kind: str
    acronym: str = ""
    paragraph: int | None = None
    partner_ids: list[int] = field(default_factory=list)
    work_plan_partner_id: int | None = None
    work_plan_year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    suggested_merge_id: int | None = None
    suggested_merge_name: str = ""
    merge_reason: str = ""

    def entry(self) -> Entry:
        names = (self.name,)
        return Entry(
            kind=CANDIDATE,
            id=self.key,
            name=self.name,
            names=names,
            acronym=self.acronym,
            category=self.kind,
        )

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "acronym": self.acronym,
            "kind": self.kind,
            "paragraph": self.paragraph,
            "partner_ids": self.partner_ids,
            "work_plan_partner_id": self.work_plan_partner_id,
            "work_plan_year": self.work_plan_year,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "suggested_merge_id": self.suggested_merge_id,
            "suggested_merge_name": self.suggested_merge_name,
            "merge_reason": self.merge_reason,
        }


@dataclass
class _Run:
    words: list[Token] = field(default_factory=list)
    acronym: str = ""
    period: str = ""
    suffix: list[Token] = field(default_factory=list)
    lower_head: str = ""


# ----------------------------------------------------------------------------------------------
# Tokens and runs
# ----------------------------------------------------------------------------------------------


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        value = m.group(0)
        if kind == "word" and value.endswith(".") and not ABBREVIATION_END.search(value):
            tokens.append(Token("word", value[:-1], m.start(), m.end() - 1))
            tokens.append(Token("other", ".", m.end() - 1, m.end()))
            continue
        if kind == "other" and value == "&":
            kind = "word"
        tokens.append(Token(kind, value, m.start(), m.end()))
    return _join_spaced_hyphens(tokens)


def _join_spaced_hyphens(tokens: list[Token]) -> list[Token]:
    """ "ASEAN - Japan" is the compound "ASEAN-Japan" written with stray spaces."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if (
            t.type == "word"
            and i + 2 < len(tokens)
            and tokens[i + 1].type == "dash"
            and tokens[i + 2].type == "word"
            and tokens[i + 2].capitalised
            and t.capitalised
            and ("ASEAN" in (t.text, tokens[i + 2].text.split("-")[0]))
        ):
            nxt = tokens[i + 2]
            out.append(Token("word", f"{t.text}-{nxt.text}", t.start, nxt.end))
            i += 3
            continue
        out.append(t)
        i += 1
    return out


def _runs(tokens: list[Token]) -> list[_Run]:
    runs: list[_Run] = []
    run = _Run()
    pending: list[Token] = []

    def close() -> None:
        nonlocal run, pending
        if run.words:
            runs.append(run)
        run, pending = _Run(), []

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "word":
            if pending and NUMERIC.match(tok.text):
                close()  # "... Ethics in 2023": a date, not part of the name
            elif tok.capitalised and tok.lower not in CONNECTORS:
                run.words.extend(pending)
                pending = []
                owner = POSSESSIVE_END.search(tok.text)
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if (
                    owner
                    and len(run.words)
                    and not (nxt and nxt.type == "word" and nxt.capitalised)
                ):
                    # "ASEAN IGNITE's support", "the ASEAN-Japan ICT Fund’s assistance": the
                    # name ends before its possessive. "Korea's Indo-Pacific Strategy" (a title
                    # follows) stays whole, for _strip_leading to judge whose policy it is.
                    run.words.append(
                        Token(
                            "word", tok.text[: owner.start()], tok.start, tok.start + owner.start()
                        )
                    )
                    close()
                else:
                    run.words.append(tok)
            elif tok.lower in CONNECTORS and run.words and len(pending) < 2:
                pending.append(tok)
            elif tok.lower in LOWER_HEADS and run.words and not pending:
                run.lower_head = tok.lower
                close()
            else:
                close()
        elif tok.type == "paren" and [w.lower for w in run.words[-3:]] == list(TERMS_OF_REFERENCE):
            pass  # "Terms of Reference (ToR) of the X": the name goes on; "ToR" is nobody's own
        elif tok.type == "paren" and run.words and not pending:
            inner = tok.text[1:-1].strip()
            if is_acronym(inner):
                run.acronym = inner
            elif PERIOD.fullmatch(inner):
                run.period = inner
            close()
        elif tok.type == "dash" and run.words and not pending and _head(run.words)[0]:
            following: list[Token] = []
            j = i + 1
            while j < len(tokens) and tokens[j].type == "word" and tokens[j].capitalised:
                following.append(tokens[j])
                j += 1
            ends_cleanly = j >= len(tokens) or tokens[j].type != "word" or not tokens[j].capitalised
            if 1 <= len(following) <= 4 and ends_cleanly:
                run.suffix = following
                i = j
                close()
                continue
            close()
        else:
            close()
        i += 1
    close()
    return runs


# ----------------------------------------------------------------------------------------------
# Judging a run
# ----------------------------------------------------------------------------------------------


def _head(words: list[Token], lower_head: str = "") -> tuple[str, list[Token]]:
    """(kind, words before the first preposition) of a title, or ("", ...) without a kind head."""
    pre: list[Token] = []
    for w in words:
        if w.lower in PREPOSITIONS:
            break
        pre.append(w)
    if lower_head:
        return KIND_WORDS.get(lower_head, ""), pre
    core = list(pre)
    while core and NUMERIC.match(core[-1].text):
        core.pop()
    if not core:
        return "", pre
    head = core[-1].lower.strip("’'")
    previous = core[-2].lower if len(core) > 1 else ""
    if head == "year" and (not previous or ORDINAL.match(previous) or NUMERIC.match(previous)):
        return "", pre
    if head == "map" and previous == "road":
        return "roadmap", pre
    if head == "plan" and previous == "master":
        return "masterplan", pre
    kind = KIND_WORDS.get(head)
    if kind is None and head.endswith("ies"):
        kind = KIND_WORDS.get(head[:-3] + "y")
    if kind is None and head.endswith("s"):
        kind = KIND_WORDS.get(head[:-1])
    return kind or "", pre


def _strip_leading(words: list[Token]) -> list[Token] | None:
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
    core = _strip_leading(words) or []
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
        right = _strip_leading(words[i + 1 :])
        if right is None and _head(_drop_kindless_lead(words[:i]))[0]:
            # "the X Programme and Korea's Indo-Pacific Strategy": the partner's own policy
            # after "and" is not part of the title before it.
            return [words[:i]]
        if not right:
            continue
        starts_title = right[0].text.upper().startswith("ASEAN") or bool(
            re.search(r"[-–]ASEAN\b", right[0].text)
        )
        left_kind, _ = _head(_drop_kindless_lead(words[:i]))
        # Only the right side's own first title counts: in "Declaration on Digital Trust and
        # Inclusion and the ASEAN Framework" the first "and" is inside the declaration's name.
        next_and = next((j for j, w in enumerate(right) if w.lower in ("and", "&")), len(right))
        right_kind, right_pre = _head(
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
        capitals = _capitals_name(_strip_leading(words[:i]) or []) or _capitals_name(
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
        if i is None or i == 0 or _head(words[:i])[0]:
            return words
        right = _strip_leading(words[i + 1 :])
        if not right or not (ASEAN_WORD.match(right[0].text) or _head(right)[0]):
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
    body = _strip_leading(rest[1:]) or []
    kind, pre = _head(body)
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


# Words that may follow a name without making it a modifier: "ASEAN IGNITE was launched".
NOT_A_NOUN = {
    "was", "were", "is", "are", "has", "have", "had", "will", "would", "shall", "can", "may",
    "which", "that", "who", "to", "as", "at", "by", "from", "into", "since", "until", "being",
}  # fmt: skip


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


def _name(words: list[Token], run: _Run, last: bool) -> str:
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
    for run in _runs(tokenize(text)):
        pieces = _split_on_and(run.words, known, run.lower_head)
        for n, piece in enumerate(pieces):
            last = n == len(pieces) - 1
            words = _strip_leading(piece)
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
                if not _head(words)[0]:
                    words = _drop_kindless_lead(words)
                kind, pre = _head(words, run.lower_head if last else "")
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


# ----------------------------------------------------------------------------------------------
# Against the catalogue
# ----------------------------------------------------------------------------------------------


def canonical_words(name: str) -> frozenset[str]:
    """Words of a name in any order and spelling: "Work Plan"/"Workplan", "U.S."/"US"."""
    text = re.sub(r"\(([^()]*)\)", r" \1 ", name)
    text = re.sub(r"\bwork\s*plan\b", "workplan", text, flags=re.I)
    words = set()
    for raw in re.split(r"[\s\-–/]+", text):
        word = normalise(raw)
        word = {"programme": "program", "centre": "center", "organisation": "organization"}.get(
            word, word
        )
        if word and word not in ("the", "of", "and", "on", "for", "an", "a"):
            words.add(word)
    return frozenset(words)


def _partners_in(name: str, matcher: Matcher) -> list[Entry]:
    return [m.entry for m in matcher.find(name) if m.entry.kind == PARTNER]


def discover(
    paragraphs: list[tuple[int, str]], matcher: Matcher, *, start_key: int = 1
) -> list[Candidate]:
    """Proposed new initiatives from the paragraphs, given a matcher of everything known."""
    known_keys: dict[str, Entry] = {}
    canon: dict[frozenset[str], Entry] = {}
    work_plans: dict[tuple[int, int], Entry] = {}
    for entry in matcher.entries:
        for spelling in {entry.name, *entry.names, *([entry.acronym] if entry.acronym else [])}:
            known_keys.setdefault(normalise(spelling), entry)
            if entry.kind == INITIATIVE:
                canon.setdefault(canonical_words(spelling), entry)
        if entry.kind == INITIATIVE and entry.work_plan_partner_id and entry.work_plan_year:
            work_plans[(entry.work_plan_partner_id, entry.work_plan_year)] = entry

    by_key: dict[str, Candidate] = {}
    for number, text in paragraphs:
        matches = matcher.find(text)
        known_spans = [(m.start, m.end) for m in matches]
        known_initiative_spans = [(m.start, m.end) for m in matches if m.entry.kind == INITIATIVE]
        for name, kind, acronym, start, end in find_titles(text, known_spans):
            key = normalise(name)
            bare = normalise(re.sub(r"\([^()]*\)", "", name))
            if key in known_keys or bare in known_keys or len(bare) < 4:
                continue
            inside_known = any(s <= start and end <= e for s, e in known_spans)
            if _known_plus_kind_word(text, start, end, known_initiative_spans):
                continue
            if _only_known_names(text, start, end, known_spans):
                continue
            crossing = any(
                start < e and s < end and not (start <= s and e <= end) for s, e in known_spans
            )
            if inside_known or crossing:
                continue
            if key in by_key:
                if acronym and not by_key[key].acronym:
                    by_key[key].acronym = acronym
                continue
            by_key[key] = Candidate(
                key=f"c{start_key + len(by_key)}",
                name=name,
                kind=kind,
                acronym=acronym,
                paragraph=number,
            )

    candidates = list(by_key.values())
    for candidate in candidates:
        _describe(candidate, matcher, known_keys, canon, work_plans)
    # An acronym already known for something else cannot be this candidate's as well.
    for candidate in candidates:
        if candidate.acronym and normalise(candidate.acronym) in known_keys:
            owner = known_keys[normalise(candidate.acronym)]
            if owner.kind == INITIATIVE and not candidate.suggested_merge_id:
                candidate.suggested_merge_id, candidate.suggested_merge_name = owner.id, owner.name
                candidate.merge_reason = f"same acronym {candidate.acronym}"
            candidate.acronym = "" if owner.kind == PARTNER else candidate.acronym
    return candidates


def _known_plus_kind_word(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """ "the ADM 2025 Plan", "the DEFA Study": a known initiative followed only by a kind word is
    the known initiative (classification reads the kind word), not a new one. "Joint Guide to
    <known>" is another initiative and stays."""
    for s, e in spans:
        if start <= s and e <= end and (s, e) != (start, end):
            before = [t for t in tokenize(text[start:s]) if t.type == "word"]
            if any(t.lower not in LEADING_NOISE for t in before):
                continue
            after = [t.lower.strip("’'") for t in tokenize(text[e:end]) if t.type == "word"]
            after = [w for w in after if w not in CONNECTORS and not NUMERIC.match(w)]
            if after and all(
                w in KIND_WORDS
                or w in WEAK_WORDS
                or w in STAGE_WORDS
                or w.rstrip("s") in KIND_WORDS
                for w in after
            ):
                return True
    return False


def _only_known_names(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """ "ASEAN DEFA", "the ASEAN ADM 2030": known names with nothing of their own but
    "ASEAN" are the known names, not a new programme."""
    inside = [(s, e) for s, e in spans if start <= s and e <= end]
    if not inside:
        return False
    rest = list(text[start:end])
    for s, e in inside:
        rest[s - start : e - start] = " " * (e - s)
    words = [t.lower for t in tokenize("".join(rest)) if t.type == "word"]
    return all(w == "asean" or w in LEADING_NOISE or w in CONNECTORS for w in words)


def _describe(
    candidate: Candidate,
    matcher: Matcher,
    known_keys: dict[str, Entry],
    canon: dict[frozenset[str], Entry],
    work_plans: dict[tuple[int, int], Entry],
) -> None:
    partners = [p for p in _partners_in(candidate.name, matcher) if p.category != "asean_body"]
    candidate.partner_ids = list(dict.fromkeys(p.id for p in partners))
    period = PERIOD.search(candidate.name)
    if period:
        candidate.period_start, candidate.period_end = int(period.group(1)), int(period.group(2))
    years = [int(y) for y in YEAR.findall(candidate.name)]
    if candidate.kind == "work_plan" and partners:
        candidate.work_plan_partner_id = partners[0].id
        candidate.work_plan_year = years[0] if years else None
    same = canon.get(canonical_words(candidate.name))
    if same is not None:
        candidate.suggested_merge_id, candidate.suggested_merge_name = same.id, same.name
        candidate.merge_reason = "the same words in another order or spelling"
        return
    if candidate.work_plan_partner_id and candidate.work_plan_year:
        plan = work_plans.get((candidate.work_plan_partner_id, candidate.work_plan_year))
        if plan is not None:
            candidate.suggested_merge_id, candidate.suggested_merge_name = plan.id, plan.name
            candidate.merge_reason = "the same partner's work plan for the same year"
