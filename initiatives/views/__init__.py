"""Views of the initiatives app, one module per area of work.

- browse: dashboard, lists, detail pages, matrix, meetings (read-only screens)
- records: creating and editing records, progress updates, country notes, history
- imports: uploading a statement, reviewing the importer's proposal, confirming it
"""
