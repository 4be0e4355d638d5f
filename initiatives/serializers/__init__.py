"""REST representations of meetings, statements, initiatives, mentions and progress updates.

Records point at each other by slug where they have one (meetings, initiatives, partners), as
the page URLs do, so that a client can go from an API answer to a page and back.

meetings.py (meetings, statements, paragraphs, a meeting's changes), records.py (initiatives,
their partners, outcomes and timeline), evidence.py (mentions and progress updates); fields.py
holds what they share (sane dates, partner slugs, a meeting's history version).
"""
