"""REST endpoints of the initiatives app, mounted under /api/ by tracker/api_urls.py.

Every authenticated role reads everything. Officers and admins write the tracking records; a
focal point writes only country notes (progress updates of their own member state, without a
status). Lists are filtered with the same FilterSets as the pages, so `?status=adopted` means
the same thing in both places, and every queryset loads its relations up front so that the
number of queries does not grow with the number of rows.

The viewsets: meetings.py (meetings, statements, paragraphs), records.py (initiatives and desired
outcomes), evidence.py (mentions and progress updates); their filter sets in filters.py and the
one write rule that is more than "officers only" in permissions.py. The serializers are split
the same way in initiatives/serializers/.
"""
