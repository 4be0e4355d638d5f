"""The REST API, mounted at /api/ by tracker/urls.py.

/api/              the endpoints (browsable with a session, JSON with a token)
/api/schema/       the OpenAPI 3 schema
/api/docs/         Swagger UI; /api/redoc/ the same schema read as a document
/api/auth/token/   trade a username and password for a token (POST)
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
from django.utils.module_loading import import_string
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.routers import DefaultRouter

from tracker.security import JSONParser

# The apps' endpoints, registered by dotted path as tracker/urls.py includes the apps' URLconfs
# by name: tracker is the base layer and imports no app above it (.importlinter). Each entry is
# (URL prefix, viewset, basename); the order is the API root's and the schema's.
VIEWSETS = [
    ("partners", "partners.api.PartnerViewSet", "partner"),
    ("meetings", "initiatives.api.meetings.MeetingViewSet", "meeting"),
    ("statements", "initiatives.api.meetings.StatementViewSet", "statement"),
    ("paragraphs", "initiatives.api.meetings.ParagraphViewSet", "paragraph"),
    ("initiatives", "initiatives.api.records.InitiativeViewSet", "initiative"),
    ("outcomes", "initiatives.api.records.OutcomeViewSet", "outcome"),
    ("mentions", "initiatives.api.evidence.MentionViewSet", "mention"),
    ("progress-updates", "initiatives.api.evidence.ProgressUpdateViewSet", "progressupdate"),
    (
        "implementation-records",
        "implementation.api.ImplementationRecordViewSet",
        "implementationrecord",
    ),
]

router = DefaultRouter()
for prefix, viewset, basename in VIEWSETS:
    router.register(prefix, import_string(viewset), basename=basename)

app_name = "api"

# The documentation pages load only this site's scripts (the Swagger UI start-up script is served
# as a file, not inline), but both UIs set inline styles and draw icons from data: URIs, and
# Redoc searches in a blob: worker: allowed on these two pages alone.
docs_csp = csp_update(
    {"style-src": [UNSAFE_INLINE], "img-src": ["data:"], "worker-src": [SELF, "blob:"]}
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        docs_csp(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path(
        "redoc/",
        docs_csp(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="exchange/redoc.html")
        ),
        name="redoc",
    ),
    path(
        "auth/token/",
        ObtainAuthToken.as_view(parser_classes=(FormParser, MultiPartParser, JSONParser)),
        name="token",
    ),
    path(
        "meetings/<slug:slug>/briefing/",
        import_string("briefings.api.MeetingBriefingView").as_view(),
        name="meeting-briefing",
    ),
    path("", include(router.urls)),
]
