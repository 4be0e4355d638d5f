"""Reader 4, the clause: what the mention's own clause says of it. A predicate after a name
that is the sentence's subject ("The ASEAN X was launched ..."), the subject of a "that" clause
("noted that the X has been completed"), a pronoun that comes back to it ("... and noted that
its projects have been completed") and a clause describing it (", which was endorsed by
ADGSOM")."""

from __future__ import annotations

import re

from ...choices import STATUS_RANK
from .context import Context
from .rules import MASK, Classification, apply_rules
from .text import has_content, shorten, tidy
from .verb import VERB

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


# Words after a mention that come back to it: "reviewed X and were pleased that its projects
# have been fully implemented", "welcomed X and noted that it is now operational".
BACK_REFERENCE = re.compile(r"\b(?:its|their|it|they)\b", re.I)


def own_predicate(plain_after: str, masked_after: str) -> str:
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
    return tidy(plain_after[predicate.start(1) : end])


def subject_reading(ctx: Context, result: Classification) -> None:
    """No governing verb: the name is its sentence's subject and the predicate says it."""
    predicate = PREDICATE.match(ctx.plain_after)
    if predicate is None and not has_content(ctx.text[ctx.s_start : ctx.start]):
        # The name opens its sentence and a plain verb follows: "The X continues to ...",
        # "The X entered into force in 2024".
        predicate = SUBJECT_VERB.match(ctx.plain_after)
    if not predicate:
        return
    phrase = tidy(predicate.group(1))
    rule = apply_rules(phrase, ctx.rules)
    subject = tidy(ctx.before)
    if has_content(subject):
        # The name inside its sentence's subject: "The pilot phase of the X was
        # completed" is about the pilot; a rule that reads both outranks the predicate.
        both = f"{subject} … {phrase}"
        both_rule = apply_rules(both, ctx.rules)
        if (
            both_rule is not None
            and both_rule.status
            and (rule is None or both_rule.priority > rule.priority)
        ):
            phrase, rule = both, both_rule
    result.phrase, result.status = phrase, rule.status if rule else ""
    result.rule = rule.pattern if rule else ""


def that_clause_reading(ctx: Context, result: Classification, focus: str) -> None:
    """ "noted that the X had been completed": the predicate after the name says it. When the
    name is the subject of a "that" clause, its own predicate outranks the verb and what the
    clause says of another name ("noted that A has been fully implemented and that B has
    achieved most of its outcomes": B is not completed)."""
    if ctx.verb is None:
        return
    clause_subject = CLAUSE_SUBJECT.search(ctx.before)
    if not clause_subject and result.status:
        return
    own = own_predicate(ctx.plain_after, ctx.after)
    rule = apply_rules(own, ctx.rules) if own else None
    if rule is not None and rule.status:
        lead = result.phrase
        if clause_subject:
            verb_text, between = ctx.verb_text, ctx.between
            lead = f"{verb_text} that" if MASK in between else tidy(f"{verb_text}{between}")
        result.phrase = shorten(f"{lead} … {own}")
        result.status, result.rule = rule.status, rule.pattern
    elif clause_subject and MASK in ctx.between:
        near_rule = apply_rules(focus, ctx.rules)
        result.phrase, result.rule = focus, near_rule.pattern if near_rule else ""
        result.status = near_rule.status if near_rule else ""


def back_reference_reading(ctx: Context, result: Classification, weak: bool) -> None:
    """Nothing specific said of the name where it stands: the rest of its clause may say it
    through a pronoun ("reviewed X and noted that its projects have been completed",
    "welcomed the X programme and its support for digital trade"), up to another name, a
    semicolon or the next action verb."""
    if result.status and not weak:
        return
    after = ctx.after
    back = BACK_REFERENCE.search(ctx.plain_after)
    if not back or MASK in after[: back.start()]:
        return
    stops = [after.find(MASK, back.start()), after.find(";", back.start())]
    following = VERB.search(after, back.end())
    if following is not None:
        stops.append(following.start())
    cut = min((i for i in stops if i > back.start()), default=len(after))
    rest = tidy(ctx.plain_after[back.start() : cut])
    rule = apply_rules(rest, ctx.rules)
    if rule is not None and rule.status:
        result.phrase = shorten(f"{result.phrase} … {rest}")
        result.status, result.rule = rule.status, rule.pattern


def described_reading(ctx: Context, result: Classification, weak: bool) -> re.Match | None:
    """A clause describing the mention (", which was endorsed ...", ", recently launched");
    returns the clause's match, which the expected date reads after."""
    described = RELATIVE.match(ctx.plain_after) or APPOSITIVE.match(ctx.plain_after)
    if described:
        clause = tidy(described.group(1))
        rule = apply_rules(clause, ctx.rules)
        # "the development of X, which was endorsed ..." says more than "development"; but in
        # "the progress of X, which was launched in 2022" the launch is history. After a verb
        # that says nothing specific ("welcomed X, to be launched in 2024") the clause decides.
        if (
            rule is not None
            and rule.status
            and (weak or STATUS_RANK.get(rule.status, 0) > STATUS_RANK.get(result.status, 0))
        ):
            result.phrase = shorten(f"{result.phrase}, {clause}" if result.phrase else clause)
            result.status, result.rule = rule.status, rule.pattern
    return described
