"""The REST API, mounted at /api/ by tracker/urls.py.

/api/              the endpoints (browsable with a session, JSON with a token)
/api/schema/       the OpenAPI 3 schema
/api/docs/         Swagger UI; /api/redoc/ the same schema read as a document
/api/auth/token/   trade a username and password for a token (POST)
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.routers import DefaultRouter

from briefings import api as briefings_api
from implementation import api as implementation_api
from initiatives import api as initiatives_api
from partners import api as partners_api
from tracker.security import JSONParser

router = DefaultRouter()
router.register("partners", partners_api.PartnerViewSet, basename="partner")
router.register("meetings", initiatives_api.MeetingViewSet, basename="meeting")
router.register("statements", initiatives_api.StatementViewSet, basename="statement")
router.register("paragraphs", initiatives_api.ParagraphViewSet, basename="paragraph")
router.register("initiatives", initiatives_api.InitiativeViewSet, basename="initiative")
router.register("outcomes", initiatives_api.OutcomeViewSet, basename="outcome")
router.register("mentions", initiatives_api.MentionViewSet, basename="mention")
router.register(
    "progress-updates", initiatives_api.ProgressUpdateViewSet, basename="progressupdate"
)
router.register(
    "implementation-records",
    implementation_api.ImplementationRecordViewSet,
    basename="implementationrecord",
)

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
        briefings_api.MeetingBriefingView.as_view(),
        name="meeting-briefing",
    ),
    path("", include(router.urls)),
]
