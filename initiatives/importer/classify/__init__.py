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

The readers, one room each: verb.py (the governing verb), objects.py (its object and a noun
after the name), coordination.py (the list item), clause.py (subject, "that" clause, pronoun,
describing clause), expected.py (the expected date) and ends.py/kinds.py (corrections by
succession and by the kind of thing named); mention.py is the one rule that picks among them.
"""

from .kinds import by_kind
from .mention import classify_mention
from .rules import REGEX, SUBSTRING, Classification, NextMeeting, Rule, apply_rules
from .text import mask, sentence_spans

__all__ = [
    "REGEX",
    "SUBSTRING",
    "Classification",
    "NextMeeting",
    "Rule",
    "apply_rules",
    "by_kind",
    "classify_mention",
    "mask",
    "sentence_spans",
]
