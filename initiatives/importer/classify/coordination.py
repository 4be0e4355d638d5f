"""Reader 3, coordination: the list item a mention sits in ("welcomed the endorsement of A, the
completion of B and the launch of C": C is governed by "welcomed ... the launch of"); an item
with nothing but an article borrows the words of the item before it, so one verb governs a list.
"""

from __future__ import annotations

import re

from .rules import MASK
from .text import has_content

SEPARATORS = re.compile(
    r",|;|:|\band\b|\bas well as\b|\bincluding\b|\bsuch as\b|\bnamely\b|\bin particular\b", re.I
)


RELATIVE_ITEM = re.compile(r"^\s*(?:which|that|who|whose|where)\b", re.I)


# Where the words right after a verb stop belonging to it: "encouraged Member States to
# cooperate and implement | , through ... | the Desired Outcomes".
CHUNK_END = re.compile(r"[,;:]|\b(?:the|a|an|its|their)\b", re.I)


def near_item(between: str) -> tuple[str, bool]:
    """The list item that governs the mention, and whether it is all of `between`.

    An item with nothing but an article ("... and the") borrows the words of an item before it:
    in "endorsed the A, the B and the C" nothing stands between "endorsed" and C but the list.
    """
    items = SEPARATORS.split(between)
    last = items[-1]
    if MASK in last:
        last = last[last.rindex(MASK) + 1 :]
    if has_content(last):
        return last, len(items) == 1 and MASK not in between
    for item in reversed(items[:-1]):
        before = item[: item.index(MASK)] if MASK in item else item
        if RELATIVE_ITEM.match(before):
            # "endorsed the A, which will enable the launch of the B, and the C": the clause
            # describes A; C is the verb's next object.
            continue
        if has_content(before):
            return before, False
    return "", False
