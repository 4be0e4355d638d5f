"""Reader 1, the governing verb: the last action verb before the mention in its sentence
("The Meeting *welcomed* ...", "... and *looked forward to* ..."), skipping verbs inside names,
verbs in relative clauses and verb forms used as nouns or infinitives."""

from __future__ import annotations

import re

from .context import Context
from .objects import object_phrase
from .rules import WEAK_PRIORITY, Classification, apply_rules
from .text import shorten, tidy

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


RELATIVE_PRONOUN = re.compile(r"\b(?:that|which|who)\s+$", re.I)


# What stands before a verb form that is not the sentence's own verb: an article or possessive
# makes it a noun ("the launch", "its endorsement"), "to" an infinitive ("agreed to adopt").
DEPENDENT_FORM = re.compile(
    r"\b(?:(?i:the|a|an|its|their|this|that|to)|(?i:the|a|an|its|their)\s+[a-z][\w-]*)\s+$"
)


def governing_verb(masked: str, start: int, end: int):
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


def verb_reading(ctx: Context, result: Classification) -> tuple[bool, str]:
    """The governing verb with its object: (weak, the phrase next to the mention). Weak means
    the words next to the mention say nothing specific, so that the other readers may."""
    verb_text, between, trailing = ctx.verb_text, ctx.between, ctx.trailing
    near_phrase = object_phrase(verb_text, between)
    focus = f"{near_phrase} … {trailing}" if trailing else near_phrase
    rule = apply_rules(focus, ctx.rules)
    result.phrase, result.rule = focus, rule.pattern if rule else ""
    result.status = rule.status if rule else ""
    weak = rule is None or not rule.status or rule.priority < WEAK_PRIORITY
    if weak:
        # The words next to the mention say nothing specific: the rest of the clause may.
        wide = tidy(f"{verb_text}{between}") + (f" … {trailing}" if trailing else "")
        wide_rule = apply_rules(wide, ctx.rules)
        if (
            wide_rule is not None
            and wide_rule.status
            and (rule is None or wide_rule.priority > rule.priority)
        ):
            result.phrase, result.status, result.rule = (
                shorten(wide),
                wide_rule.status,
                wide_rule.pattern,
            )
            weak = wide_rule.priority < WEAK_PRIORITY
    return weak, focus
