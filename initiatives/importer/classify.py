"""Stage 5 of the importer: the action phrase that governs a mention, and the status it implies.

For each mention the governing phrase is found from the shape of the sentence, never from a
list of initiatives:

1. the last action verb before the mention in its sentence ("The Meeting *welcomed* ...",
   "... and *looked forward to* ..."), skipping verbs inside names;
2. the words between that verb and the mention, cut at the list item the mention sits in
   ("welcomed the endorsement of A, the completion of B and the launch of C": C is governed by
   "welcomed ... the launch of"); an item with nothing but an article ("the") borrows the nominal
   of the item before it, so one verb can govern a list;
3. a noun right after the mention that says what happens to it ("DEFA *negotiations*");
4. a clause describing the mention itself (", which was endorsed by ADGSOM in November 2022")
   outranks the verb; a mention that is the sentence's subject takes its predicate
   ("The ASEAN X was launched ...").

The phrase goes through the StatusRule table (data an admin extends): enabled rules in order of
priority, the first that matches decides; a rule with a blank status means "no progress said".
Expected dates come from the words after the mention ("in early 2023"); a date before the
meeting's year is history, not an expectation, and so is any date next to "adopted"/"completed".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..choices import STATUS_RANK
from .dates import iter_expected

log = logging.getLogger(__name__)

SUBSTRING = "substring"
REGEX = "regex"
MASK = "§"
MAX_PHRASE = 300

VERB = re.compile(
    r"\b(?:welcom(?:ed|es|e|ing)|not(?:ed|es)|t(?:ook|akes?) note|acknowledg(?:ed|es|e)|"
    r"endors(?:ed|es|e)|adopt(?:ed|s)?|approv(?:ed|es|e)|launch(?:ed|es)?|encourag(?:ed|es|e)|"
    r"look(?:ed|s)? forward|agree[ds]?|recogni[sz](?:ed|es|e)|express(?:ed|es)|"
    r"appreciat(?:ed|es)|commend(?:ed|s)?|congratulat(?:ed|es)|laud(?:ed|s)?|task(?:ed|s)|"
    r"call(?:ed|s)? (?:for|on|upon)|urg(?:ed|es)|supported|reaffirm(?:ed|s)?|"
    r"reiterat(?:ed|es)|emphasi[sz](?:ed|es)|underscor(?:ed|es)|highlight(?:ed|s)|affirm(?:ed|s)|"
    r"commemorat(?:ed|es)|sign(?:ed|s)|conclud(?:ed|es)|establish(?:ed|es)|committed|"
    r"pledg(?:ed|es)|discuss(?:ed|es)|consider(?:ed|s)|exchang(?:ed|es)|shared|thank(?:ed|s)|"
    r"invit(?:ed|es)|instruct(?:ed|s)|direct(?:ed|s)|mandat(?:ed|es)|request(?:ed|s)|"
    r"decid(?:ed|es)|witness(?:ed|es)|celebrat(?:ed|es)|convey(?:ed|s)|receiv(?:ed|es)|"
    r"accept(?:ed|s)|applaud(?:ed|s)|resolv(?:ed|es)|finali[sz](?:ed|es)|complet(?:ed|es)|"
    r"unveil(?:ed|s)|releas(?:ed|es)|publish(?:ed|es)|issu(?:ed|es)|introduc(?:ed|es)|"
    r"initiat(?:ed|es)|continu(?:ed|es)|explor(?:ed|es)|stressed|underlined|"
    r"acknowledging|welcoming|noting|announc(?:ed|es)|(?<=\bto )note|reported|"
    r"(?<=\bto )report|reviewed)\b",
    re.I,
)
SEPARATORS = re.compile(
    r",|;|:|\band\b|\bas well as\b|\bincluding\b|\bsuch as\b|\bnamely\b|\bin particular\b", re.I
)
ARTICLES = {"the", "a", "an", "its", "their", "our", "this", "these", "that", "those", "his"}
ARTICLES |= {"her", "of", "on", "for", "to", "in", "with", "under", "through", "by", "also"}
TRAILING = {
    "negotiation",
    "negotiations",
    "negotiating",
    "study",
    "studies",
    "review",
    "development",
    "implementation",
    "consultations",
    "process",
    "discussions",
    "drafting",
    "finalisation",
    "finalization",
    "operationalisation",
    "operationalization",
    "launch",
    "roll-out",
    "rollout",
    "adoption",
    "endorsement",
    "pilot",
    "establishment",
    "signing",
    "phase",
    "paper",
    "completion",
    "results",
    "edition",
    "activities",
    "operation",
    "operations",
}
RELATIVE = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?,?\s*((?:(?:the|an?)\s+[\w-]+\s+)?(?:which|that|who)\s+"
    r"(?:was|were|has been|have been|had been|is being|are being|is|are|will be|would be|"
    r"shall be|had|has|have)\s+[^,;]{0,100}?)(?=[,;]|\.(?:\s|$)|$)",
    re.I,
)
APPOSITIVE = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?,\s*((?:recently\s+|newly\s+|formally\s+|successfully\s+"
    r"|(?:yet\s+)?to\s+be\s+(?:\w+ly\s+)?)?"
    r"(?:endorsed|adopted|approved|launched|signed|completed|concluded|established|finali[sz]ed)"
    r"\b[^,;]{0,80}?)(?=[,;]|\.(?:\s|$)|$)",
    re.I,
)
PREDICATE = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?(?:,[^,;]{0,80},\s*)?"
    r"((?:was|were|has been|have been|had been|is being|are being|is|are|will be|would be|has|"
    r"have|had|(?:will|would|shall|can|could|may|might)\s+(?:no\s+longer|not|now|also)\s+be)"
    r"\s+[^,;]{0,100}?)(?=[,;]|\.(?:\s|$)|$)",
    re.I,
)
# A lower-case finite verb right after a name that opens its sentence ("continues", "entered");
# case-sensitive, so that "The X Steering Committee met" is not read as a predicate of X.
SUBJECT_VERB = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?((?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|es|s)|held|ran|began|met|won|took|"
    r"grew|became|gave|kept|built|led|made|reached|brought|saw)\b[^,;]{0,100}?)"
    r"(?=[,;]|\.(?:\s|$)|$)"
)
# A name right after "that" is the subject of a clause the verb introduces: "noted that the X has".
CLAUSE_SUBJECT = re.compile(r"\b(?:that|while|whereas)\s+(?:(?:the|its|their)\s+)?$", re.I)
RELATIVE_ITEM = re.compile(r"^\s*(?:which|that|who|whose|where)\b", re.I)
RELATIVE_PRONOUN = re.compile(r"\b(?:that|which|who)\s+$", re.I)
# What stands before a verb form that is not the sentence's own verb: an article or possessive
# makes it a noun ("the launch", "its endorsement"), "to" an infinitive ("agreed to adopt").
DEPENDENT_FORM = re.compile(
    r"\b(?:(?i:the|a|an|its|their|this|that|to)|(?i:the|a|an|its|their)\s+[a-z][\w-]*)\s+$"
)
# Where the words right after a verb stop belonging to it: "encouraged Member States to
# cooperate and implement | , through ... | the Desired Outcomes".
CHUNK_END = re.compile(r"[,;:]|\b(?:the|a|an|its|their)\b", re.I)
WEAK_PRIORITY = 100
# After the next verb, words that come straight back to the mention: "... and looked forward
# to its conclusion", "... and looked forward to the conclusion of the negotiations in 2025".
PRONOUN_BACK = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:its|their|it|them)\b"
    r"|\s+to\s+the\s+(?:\w+\s+){0,2}?\w+\s+of\s+the\s+(?:negotiations?|study|review|process)\b",
    re.I,
)
ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]\.(?:[A-Za-z]\.)*|\b(?:Mr|Mrs|Ms|Dr|Prof|No|Nos|St|Jr|Sr|Hon|Gen|Adm|Col|Lt|"
    r"Capt|Sec|etc|vs|Rt|Amb|Excl|Incl|approx|cf)\.)$"
)
ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$", re.I)
ENDS = ("discontinued", "superseded")
FUTURE_SUCCESSION = re.compile(
    r"\b(?:will|would|shall|to)\s+(?:\w+\s+)?be\s+(?:\w+\s+)?(?:succeeded|replaced|superseded)\b",
    re.I,
)
SUCCESSOR_BEFORE = re.compile(
    r"\b(?:succeeded|replaced|superseded|followed)\s+by\s+(?:the\s+|its\s+|a\s+|an\s+)?$",
    re.I,
)
# An expectation tied to a meeting rather than a date: "to be presented at the next ADGMIN".
AT_NEXT_MEETING = re.compile(
    r"\b(?:at|by|before|to|for|during|in time for)\s+the\s+"
    r"(?:next|upcoming|forthcoming|(?P<number>\d{1,2})(?:st|nd|rd|th))\s+"
    r"(?:ADGMIN|ADGSOM|(?i:meeting)|ministerial meeting|(?:[A-Z][\w'’+-]*\s+){1,6}Meeting)\b"
)
# A verb form after these still speaks of the mention: "..., to be reviewed at", "X will be
# launched at the next ADGMIN", "X, which was endorsed in 2023".
AUXILIARY_BEFORE = re.compile(
    r"\b(?:to|be|been|being|will|would|shall|is|are|was|were)\s+(?:\w+ly\s+)?$", re.I
)
# Words after a mention that come back to it: "reviewed X and were pleased that its projects
# have been fully implemented", "welcomed X and noted that it is now operational".
BACK_REFERENCE = re.compile(r"\b(?:its|their|it|they)\b", re.I)


@dataclass(frozen=True)
class Rule:
    """One phrase-to-status rule, detached from the StatusRule row it came from."""

    pattern: str
    match_kind: str = SUBSTRING
    status: str = ""
    priority: int = 100
    id: int | None = None

    def matches(self, phrase: str) -> bool:
        compiled = _compile(self.pattern, self.match_kind)
        return compiled is not None and compiled.search(phrase) is not None


@lru_cache(maxsize=2048)
def _compile(pattern: str, match_kind: str) -> re.Pattern | None:
    if match_kind == REGEX:
        try:
            return re.compile(pattern, re.I)
        except re.error:
            log.warning("Status rule %r is not a valid regular expression; skipped", pattern)
            return None
    words = [re.escape(w) for w in pattern.split()]
    if not words:
        return None
    # "Contains the words": the phrase has them in this order, starting at a word boundary,
    # so that "endorse" finds "endorsed" and "endorsement" but "noted" never finds "denoted".
    return re.compile(r"(?<![0-9A-Za-z])" + r"\s+".join(words), re.I)


def apply_rules(phrase: str, rules: list[Rule]) -> Rule | None:
    """The first rule (highest priority first) whose pattern is in the phrase."""
    for rule in sorted(rules, key=lambda r: (-r.priority, r.pattern)):
        if rule.matches(phrase):
            return rule
    return None


@dataclass
class Classification:
    phrase: str = ""
    status: str = ""
    expected_text: str = ""
    expected_date: date | None = None
    rule: str = ""
    expected_precision: str = ""


@dataclass(frozen=True)
class NextMeeting:
    """The meeting a statement announces, for "to be presented at the next ADGMIN"."""

    words: str
    date: date | None
    precision: str = "year"
    number: int | None = None


# ----------------------------------------------------------------------------------------------
# Sentences and masking
# ----------------------------------------------------------------------------------------------


def sentence_spans(text: str, protected: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sentence boundaries that ignore abbreviations ("U.S.", "H.E.", "Dr.") and names."""
    spans = []
    start = 0
    for m in re.finditer(r"[.!?][\"'”’)\]]*(?=\s+[\"“'‘(]?[A-Z0-9])", text):
        end, dot = m.end(), m.start()
        if any(s <= dot < e for s, e in protected):
            continue
        if text[dot] == "." and ABBREVIATION.search(text[max(0, dot - 12) : dot + 1]):
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = MASK
    return "".join(chars)


def _has_content(fragment: str) -> bool:
    for word in re.findall(r"[A-Za-z0-9][\w'’-]*", fragment):
        if word.lower() not in ARTICLES and not ORDINAL.match(word) and not word.isdigit():
            return True
    return False


def _tidy(fragment: str) -> str:
    fragment = re.sub(f"{MASK}+", "…", fragment)
    fragment = " ".join(fragment.split()).strip(" ,;:")
    # Trailing articles say nothing: "the completion of study for the" -> "... for".
    return re.sub(r"(?:\s+\b(?:the|a|an|its|their)\b)+$", "", fragment, flags=re.I)


def _near(between: str) -> tuple[str, bool]:
    """The list item that governs the mention, and whether it is all of `between`.

    An item with nothing but an article ("... and the") borrows the words of an item before it:
    in "endorsed the A, the B and the C" nothing stands between "endorsed" and C but the list.
    """
    items = SEPARATORS.split(between)
    last = items[-1]
    if MASK in last:
        last = last[last.rindex(MASK) + 1 :]
    if _has_content(last):
        return last, len(items) == 1 and MASK not in between
    for item in reversed(items[:-1]):
        before = item[: item.index(MASK)] if MASK in item else item
        if RELATIVE_ITEM.match(before):
            # "endorsed the A, which will enable the launch of the B, and the C": the clause
            # describes A; C is the verb's next object.
            continue
        if _has_content(before):
            return before, False
    return "", False


def _governing_verb(masked: str, start: int, end: int):
    """The last action verb in masked[start:end] that is not inside a relative clause.

    A verb form right after an article is a noun ("looked forward to *the launch* of"), and one
    right after "to" is the infinitive of an earlier verb ("agreed *to launch*"): both belong to
    the phrase of the verb before them, which governs, when there is one. A participle after an
    article still says what happened to the name ("under *the endorsed* X Work Plan").
    """
    found = [
        verb
        for verb in VERB.finditer(masked, start, end)
        if not RELATIVE_PRONOUN.search(masked[max(start, verb.start() - 8) : verb.start()])
    ]
    for verb in reversed(found):
        participle = verb.group(0).lower().endswith("ed")
        if participle or not DEPENDENT_FORM.search(
            masked[max(start, verb.start() - 30) : verb.start()]
        ):
            return verb
    return found[-1] if found else None


# ----------------------------------------------------------------------------------------------
# Classification
# ----------------------------------------------------------------------------------------------


def classify_mention(
    text: str,
    span: tuple[int, int],
    spans: list[tuple[int, int]],
    rules: list[Rule],
    *,
    not_before: date | None = None,
    sentences: list[tuple[int, int]] | None = None,
    next_meeting: NextMeeting | None = None,
) -> Classification:
    """Phrase, status and expected date of the mention at `span` of paragraph `text`.

    `spans` are the initiatives named in the paragraph: verbs inside them do not count, and
    they separate the items of a list. `sentences` should be computed with every name protected
    (partners too), so that "U.S." inside a name does not end a sentence.
    """
    start, end = span
    # A possessive belongs to the name it follows ("the X Fund's assistance"): masked with it.
    others = [
        (s, e + 2 if text[e : e + 2] in ("'s", "’s") else e) for s, e in spans if (s, e) != span
    ]
    masked = mask(text, others)
    sentences = sentences or sentence_spans(text, spans)
    s_start, s_end = next(((a, b) for a, b in sentences if a <= start < b), (0, len(text)))
    after = masked[end:s_end]
    plain_after = text[end:s_end]

    # A noun right after the name says what happens to it: "DEFA negotiations", "the ADM 2025
    # Mid-Term Review". Up to three words, stopping at punctuation or another name.
    trailing = ""
    t = re.match(
        r"^(?:['’]s\b)?\s*(?:\([^()]*\)\s*)?(?:(?:19|20)\d{2}\s+)?((?:[A-Za-z][\w-]*\s*){1,3})",
        after,
    )
    if t:
        words = t.group(1).split()
        # Up to the last such noun of the name's own noun phrase: "the X Implementation Paper"
        # is about a paper; "X following the adoption of ..." is not about X's adoption.
        for n, word in enumerate(words):
            if word.lower() in TRAILING:
                trailing = " ".join(words[: n + 1])
            elif not word[0].isupper():
                break
    result = Classification()

    verb = _governing_verb(masked, s_start, start)
    if verb is not None:
        verb_text = text[verb.start() : verb.end()]
        between = masked[verb.end() : start]
        near, contiguous = _near(between)
        if contiguous:
            near_phrase = _tidy(f"{verb_text}{between}")
        elif near and between.startswith(near):
            near_phrase = _tidy(f"{verb_text}{near}")
        else:
            chunk_end = CHUNK_END.search(between)
            chunk = between[: chunk_end.start()] if chunk_end else ""
            near_phrase = _tidy(f"{verb_text}{chunk}")
            if near and near.strip() not in chunk:
                near_phrase = f"{near_phrase} … {_tidy(near)}"
        focus = f"{near_phrase} … {trailing}" if trailing else near_phrase
        rule = apply_rules(focus, rules)
        result.phrase, result.rule = focus, rule.pattern if rule else ""
        result.status = rule.status if rule else ""
        weak = rule is None or not rule.status or rule.priority < WEAK_PRIORITY
        if weak:
            # The words next to the mention say nothing specific: the rest of the clause may.
            wide = _tidy(f"{verb_text}{between}") + (f" … {trailing}" if trailing else "")
            wide_rule = apply_rules(wide, rules)
            if (
                wide_rule is not None
                and wide_rule.status
                and (rule is None or wide_rule.priority > rule.priority)
            ):
                result.phrase, result.status, result.rule = (
                    _shorten(wide),
                    wide_rule.status,
                    wide_rule.pattern,
                )
                weak = wide_rule.priority < WEAK_PRIORITY
    else:
        weak = True
        predicate = PREDICATE.match(plain_after)
        if predicate is None and not _has_content(text[s_start:start]):
            # The name opens its sentence and a plain verb follows: "The X continues to ...",
            # "The X entered into force in 2024".
            predicate = SUBJECT_VERB.match(plain_after)
        if predicate:
            phrase = _tidy(predicate.group(1))
            rule = apply_rules(phrase, rules)
            subject = _tidy(masked[s_start:start])
            if _has_content(subject):
                # The name inside its sentence's subject: "The pilot phase of the X was
                # completed" is about the pilot; a rule that reads both outranks the predicate.
                both = f"{subject} … {phrase}"
                both_rule = apply_rules(both, rules)
                if (
                    both_rule is not None
                    and both_rule.status
                    and (rule is None or both_rule.priority > rule.priority)
                ):
                    phrase, rule = both, both_rule
            result.phrase, result.status = phrase, rule.status if rule else ""
            result.rule = rule.pattern if rule else ""

    clause_subject = verb is not None and CLAUSE_SUBJECT.search(masked[s_start:start])
    if verb is not None and (clause_subject or not result.status):
        # "noted that the X had been completed": the predicate after the name says it. When the
        # name is the subject of a "that" clause, its own predicate outranks the verb and what
        # the clause says of another name ("noted that A has been fully implemented and that B
        # has achieved most of its outcomes": B is not completed).
        own = _own_predicate(plain_after, after)
        rule = apply_rules(own, rules) if own else None
        if rule is not None and rule.status:
            lead = result.phrase
            if clause_subject:
                lead = f"{verb_text} that" if MASK in between else _tidy(f"{verb_text}{between}")
            result.phrase = _shorten(f"{lead} … {own}")
            result.status, result.rule = rule.status, rule.pattern
        elif clause_subject and MASK in masked[verb.end() : start]:
            near_rule = apply_rules(focus, rules)
            result.phrase, result.rule = focus, near_rule.pattern if near_rule else ""
            result.status = near_rule.status if near_rule else ""

    back = BACK_REFERENCE.search(plain_after) if (not result.status or weak) else None
    if back and MASK not in after[: back.start()]:
        # Nothing specific said of the name where it stands: the rest of its clause may say it
        # through a pronoun ("reviewed X and noted that its projects have been completed",
        # "welcomed the X programme and its support for digital trade").
        # ... up to another name, a semicolon or the next action verb.
        stops = [after.find(MASK, back.start()), after.find(";", back.start())]
        following = VERB.search(after, back.end())
        if following is not None:
            stops.append(following.start())
        cut = min((i for i in stops if i > back.start()), default=len(after))
        rest = _tidy(plain_after[back.start() : cut])
        rule = apply_rules(rest, rules)
        if rule is not None and rule.status:
            result.phrase = _shorten(f"{result.phrase} … {rest}")
            result.status, result.rule = rule.status, rule.pattern

    described = RELATIVE.match(plain_after) or APPOSITIVE.match(plain_after)
    if described:
        clause = _tidy(described.group(1))
        rule = apply_rules(clause, rules)
        # "the development of X, which was endorsed ..." says more than "development"; but in
        # "the progress of X, which was launched in 2022" the launch is history. After a verb
        # that says nothing specific ("welcomed X, to be launched in 2024") the clause decides.
        if (
            rule is not None
            and rule.status
            and (weak or STATUS_RANK.get(rule.status, 0) > STATUS_RANK.get(result.status, 0))
        ):
            result.phrase = _shorten(f"{result.phrase}, {clause}" if result.phrase else clause)
            result.status, result.rule = rule.status, rule.pattern

    # The expectation belongs to this mention's clause: stop at the next name, at a semicolon,
    # or at the next action verb ("... and tasked ADGSOM to review it by 2025"), unless that
    # verb comes straight back to the mention ("... and looked forward to its conclusion by").
    # A clause describing the mention is its own ("..., to be launched in 2024").
    limit = len(after)
    next_verb = VERB.search(after, described.end(1) if described else 0)
    while next_verb and AUXILIARY_BEFORE.search(after[: next_verb.start()]):
        # "..., to be reviewed at the next meeting": an infinitive still speaks of the mention.
        next_verb = VERB.search(after, next_verb.end())
    if next_verb and PRONOUN_BACK.match(after, next_verb.end()):
        next_verb = None
    for stop in (after.find(MASK), after.find(";"), next_verb.start() if next_verb else -1):
        if stop >= 0:
            limit = min(limit, stop)
    clause = after[:limit]
    for expected in iter_expected(clause):
        # A period ("2026-2030", "for 2026-2030") is the initiative's span, never a due date.
        if expected.is_period:
            continue
        # "launched in September 2023 ... by 2025": a date before the meeting is history.
        past = not_before is not None and expected.date.year < not_before.year
        done = result.status in ("adopted", "completed") or result.status in ENDS
        if not past and not done:
            result.expected_text, result.expected_date = expected.text, expected.date
            result.expected_precision = expected.precision
            break
    if not result.expected_text and result.status not in ("adopted", "completed", *ENDS):
        at_meeting = AT_NEXT_MEETING.search(clause)
        if at_meeting:
            # "to be presented at the next ADGMIN": the date of that meeting as announced.
            result.expected_text = " ".join(at_meeting.group(0).split())[:100]
            number = at_meeting.group("number")
            if (
                next_meeting is not None
                and next_meeting.date is not None
                and (number is None or next_meeting.number == int(number))
            ):
                result.expected_text = f"{result.expected_text} ({next_meeting.words})"[:100]
                result.expected_date = next_meeting.date
                result.expected_precision = next_meeting.precision
    if (
        result.status == "superseded"
        and "successor" in result.rule
        and STILL_AHEAD.search(result.phrase.split("successor")[0])
    ):
        # "agreed to begin the development of X as the successor to Y": Y runs on until X is
        # adopted; nothing is superseded yet.
        result.status, result.rule = "", ""
    if result.status == "superseded" and FUTURE_SUCCESSION.search(result.phrase):
        # "Y will be succeeded by X in 2026": still Y's time.
        result.status, result.rule = "", ""
    if result.status in ENDS and SUCCESSOR_BEFORE.search(masked[s_start:start]):
        # "X was succeeded by Y": Y is the successor, its own initiative; nothing ended for it.
        result.status, result.rule = "", ""
    result.phrase = result.phrase[:MAX_PHRASE]
    return result


# A report or study that the ministers note, receive or endorse has been delivered: "noted the
# Report on Online Scams Activities 2023-2024", "endorsed the DEFA Study" (the agreement it
# studies is another initiative).
DELIVERED_HEAD = re.compile(r"^(?:Reports?|Study|Studies|Survey|Stocktak\w*|Findings)$")
NAME_PREPOSITION = re.compile(r"\s(?:of|on|for|to|in|between|with|about|under)\s")
RECEIVING_VERB = re.compile(
    r"^(?:noted|not(?:ing|es)|t(?:ook|akes?) note|acknowledg\w*|welcom\w*|endors\w*|approv\w*|"
    r"adopt\w*|receiv\w*|consider\w*|commend\w*|appreciat\w*|recogni[sz]\w*|"
    r"(?:was|were|has been|have been) (?:presented|submitted|tabled|published|released))\b",
    re.I,
)
STILL_AHEAD = re.compile(
    r"\b(?:launch|develop|draft|prepar|conduct|undertak|commission|initiat|start|begin|look|"
    r"upcoming|ongoing|on-going|progress|will|to be)\w*",
    re.I,
)
YEAR_IN_NAME = re.compile(r"\b((?:19|20)\d{2})\b")


def _head_word(name: str) -> str:
    """The head noun of a title: "Report" in "Report on Online Scams (2023-2024)", "Guide" in
    "Joint Mapping Guide to ASEAN MCCs"."""
    head = NAME_PREPOSITION.split(re.sub(r"\([^()]*\)", " ", name), maxsplit=1)[0]
    words = [w for w in head.split() if not re.fullmatch(r"[\d–-]+", w)]
    return words[-1] if words else ""


def by_kind(result: Classification, *, name: str, kind: str, meeting_year: int | None):
    """What the kind of the thing named adds to the words said of it.

    - a report or study the ministers note, acknowledge or endorse is delivered: *completed*;
    - the work plan (or deliverables) of a year already over when the meeting is held has run
      its course: approving or noting it is *completed* ("approved the ADGSOM-ATRC Key
      Deliverables 2024" in January 2025).
    """
    phrase = result.phrase or ""
    if (
        result.status in ("", "adopted")
        and DELIVERED_HEAD.match(_head_word(name))
        and RECEIVING_VERB.match(phrase)
        and not STILL_AHEAD.search(phrase)
    ):
        result.status, result.rule = "completed", "a report or study received is delivered"
    years = {int(y) for y in YEAR_IN_NAME.findall(name)}
    if (
        kind == "work_plan"
        and meeting_year is not None
        and len(years) == 1
        and max(years) < meeting_year
        and result.status in ("adopted", "implementing")
        and not STILL_AHEAD.search(phrase)
    ):
        result.status, result.rule = "completed", "the work plan of a year already over"
    return result


def _own_predicate(plain_after: str, masked_after: str) -> str:
    """The predicate right after a name, cut where the next name or "and that" begins."""
    other = masked_after.find(MASK)
    plain_after = plain_after[:other] if other >= 0 else plain_after
    predicate = PREDICATE.match(plain_after)
    if predicate is None:
        return ""
    end = predicate.end(1)
    joined = re.compile(r"\s+(?:(?:and|but)\s+that|while|whereas)\b", re.I).search(
        plain_after, predicate.start(1), end
    )
    if joined:
        end = joined.start()
    return _tidy(plain_after[predicate.start(1) : end])


def _shorten(phrase: str, limit: int = 160) -> str:
    if len(phrase) <= limit:
        return phrase
    head, tail = phrase[: limit // 3], phrase[-(limit * 2 // 3) :]
    return f"{head.rsplit(' ', 1)[0]} … {tail.split(' ', 1)[-1]}"
