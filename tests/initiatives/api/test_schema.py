"""The OpenAPI schema: valid OpenAPI 3, documented with local assets, and no 500 for any request
generated from it.

The property-based run reads the schema the app serves, and for every operation draws path and
query parameters and JSON bodies from the declared schemas (and, now and then, junk in their
place), sends them through the Django test client as each persona, and asserts the answer is
never a server error. This is what schemathesis does, written with hypothesis alone.
"""

from __future__ import annotations

import os
import re
import string
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from initiatives.models import DesiredOutcome, Initiative, Meeting, Mention, ProgressUpdate
from partners.models import Partner


class Schema(dict):
    """The served schema; a short repr keeps hypothesis' failure reports readable."""

    def __repr__(self) -> str:
        return f"<OpenAPI schema with {len(self.get('paths', {}))} paths>"


@pytest.fixture
def schema(client, officer):
    client.force_login(officer)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return Schema(response.json())


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # drf-spectacular's bundled OpenAPI 3.0 JSON schema, via jsonschema
    assert {"/api/initiatives/", "/api/initiatives/{slug}/", "/api/progress-updates/"} <= set(
        schema["paths"]
    )
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}


def test_the_schema_generates_without_warnings(db, tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "openapi: 3" in target.read_text()


def test_the_initiative_filters_are_documented(schema):
    params = {p["name"] for p in schema["paths"]["/api/initiatives/"]["get"]["parameters"]}
    assert {"status", "kind", "partner", "meeting", "outcome", "q", "stale", "ordering"} <= params


def test_the_schema_needs_a_login(client, db):
    assert client.get("/api/schema/").status_code == 401


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_use_only_assets_served_by_the_app(client, officer, url):
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assets = [s for s in sources if s.endswith((".js", ".css", ".png"))]
    assert assets
    for asset in assets:
        assert asset.startswith("/static/drf_spectacular_sidecar/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    assert all(s.startswith(("/", "#")) for s in sources), sources  # nothing from elsewhere
    assert "<script>" not in html  # no inline script: the pages work under the site's CSP
    policy = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"


# ------------------------------------------------------------------------------
# Requests generated from the schema
# ------------------------------------------------------------------------------
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)
TEXT = st.text(alphabet=st.characters(min_codepoint=1, max_codepoint=0x2FFF), max_size=40)


class SchemaStrategies:
    """Hypothesis strategies for the part of JSON Schema that drf-spectacular writes."""

    def __init__(self, schema: dict, known: dict[str, list], *, junk: bool):
        self.components = schema["components"]["schemas"]
        self.known = known  # real slugs and ids, so generated references often hit a row
        self.junk = junk  # whether any value may be replaced by something of the wrong shape

    def resolve(self, node: dict) -> dict:
        while "$ref" in node:
            node = self.components[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def for_node(self, node: dict, name: str = "") -> st.SearchStrategy:
        node = self.resolve(node)
        strategy = self._valid(node, name)
        if node.get("nullable"):
            strategy = st.one_of(st.none(), strategy)
        if self.junk:  # anything at all, now and then: the API must answer 400, never 500
            return st.one_of(strategy, strategy, strategy, JUNK)
        return strategy

    def _valid(self, node: dict, name: str) -> st.SearchStrategy:
        if "oneOf" in node or "anyOf" in node:
            return st.one_of(
                *[self.for_node(n, name) for n in node.get("oneOf", node.get("anyOf"))]
            )
        if "allOf" in node:
            return self.for_node(node["allOf"][0], name)
        if "enum" in node:
            return st.sampled_from(node["enum"])
        kind = node.get("type")
        if kind == "object" or "properties" in node:
            return self._object(node)
        if kind == "array":
            return st.lists(self.for_node(node.get("items", {}), name), max_size=3)
        if kind == "integer":
            if self.known.get(name):
                return st.one_of(st.sampled_from(self.known[name]), st.integers())
            low, high = node.get("minimum"), node.get("maximum")
            return st.integers(min_value=low, max_value=high)
        if kind == "number":
            return st.floats(allow_nan=False, allow_infinity=False)
        if kind == "boolean":
            return st.booleans()
        return self._string(node, name)

    def _string(self, node: dict, name: str) -> st.SearchStrategy:
        fmt = node.get("format")
        if fmt == "date":
            return st.dates().map(str)
        if fmt == "date-time":
            return st.datetimes().map(lambda d: d.isoformat() + "Z")
        if fmt == "uri":
            return st.from_regex(r"https://[a-z]{1,10}\.org/[a-z0-9]{0,10}", fullmatch=True)
        if self.known.get(name):
            return st.one_of(st.sampled_from(self.known[name]), TEXT)
        if "pattern" in node:
            pattern = st.from_regex(node["pattern"], fullmatch=True)
            return pattern.filter(lambda s: len(s) <= node.get("maxLength", 200))
        return st.text(
            min_size=node.get("minLength", 0), max_size=min(node.get("maxLength", 60), 60)
        )

    def _object(self, node: dict) -> st.SearchStrategy:
        props = {
            key: self.for_node(value, key)
            for key, value in node.get("properties", {}).items()
            if not value.get("readOnly")
        }
        required = {k: v for k, v in props.items() if k in node.get("required", [])}
        optional = {k: v for k, v in props.items() if k not in required}
        return st.fixed_dictionaries(required, optional=optional)


def _operations(schema: dict) -> list[tuple[str, str, dict]]:
    skip = {"/api/schema/", "/api/auth/token/"}
    return [
        (path, method, op)
        for path, ops in sorted(schema["paths"].items())
        if path not in skip
        for method, op in sorted(ops.items())
    ]


def _known_values() -> dict[str, list]:
    slugs = {
        "initiative": list(Initiative.objects.values_list("slug", flat=True)),
        "meeting": list(Meeting.objects.values_list("slug", flat=True)),
        "partner": list(Partner.objects.values_list("slug", flat=True)),
    }
    return {
        **slugs,
        "parent": slugs["initiative"] + slugs["partner"],
        "lead_body": slugs["partner"],
        "lead": slugs["partner"],
        "host": slugs["partner"],
        "member_state": ["malaysia", "singapore", "philippines"],
        "work_plan_partner": slugs["partner"],
        "slug": slugs["initiative"] + slugs["meeting"] + slugs["partner"],
        "outcome": list(DesiredOutcome.objects.values_list("code", flat=True)),
        "page": [1, 2],
        "status": ["adopted", "implementing", "none", ""],
        "paragraph": list(
            Mention.objects.exclude(paragraph=None).values_list("paragraph", flat=True)
        ),
        "id": list(Mention.objects.values_list("pk", flat=True))
        + list(ProgressUpdate.objects.values_list("pk", flat=True)),
    }


@pytest.fixture
def personas(demo, admin_user, officer, focal_my):
    reader = get_user_model().objects.create_user("reader", password="pw")
    ProgressUpdate.objects.create(
        initiative=Initiative.objects.get(slug="defa"),
        date="2024-01-01",
        summary="note",
        member_state=Partner.objects.get(slug="malaysia"),
    )
    tokens = {}
    for user in (admin_user, officer, focal_my, reader):
        tokens[user.username] = Token.objects.create(user=user).key
    tokens["anonymous"] = None
    return tokens


@pytest.fixture
def strategies(schema, personas):
    # Drawn once: the examples change the rows, and hypothesis needs the same choices on replay.
    known = _known_values()
    return {junk: SchemaStrategies(schema, known, junk=junk) for junk in (False, True)}


# A fixed, repeatable run by default; API_FUZZ_EXAMPLES=5000 explores further with fresh seeds.
FUZZ_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "300"))


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize="API_FUZZ_EXAMPLES" not in os.environ,
)
@given(data=st.data())
def test_no_generated_request_gets_a_server_error(schema, personas, strategies, data):
    path, method, operation = data.draw(st.sampled_from(_operations(schema)), label="operation")
    who = data.draw(st.sampled_from(sorted(personas)), label="persona")
    # One request in four may carry values of the wrong shape; the rest follow the schema.
    strategies = strategies[data.draw(st.integers(0, 3), label="junk") == 0]

    url, query = path, {}
    for param in operation.get("parameters", []):
        if param["in"] == "path":
            name = param["name"]
            value = data.draw(strategies.for_node(param["schema"], name), label=name)
            url = url.replace("{" + name + "}", quote(str(value), safe=""))
        elif param["in"] == "query" and data.draw(st.booleans(), label="use " + param["name"]):
            value = data.draw(strategies.for_node(param["schema"], param["name"]))
            query[param["name"]] = value if isinstance(value, list) else [value]
    if query:
        url += "?" + urlencode(
            {k: ["" if v is None else str(v) for v in vs] for k, vs in query.items()}, doseq=True
        )

    body = None
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body = data.draw(strategies.for_node(content["application/json"]["schema"]), label="body")

    api = APIClient()
    if personas[who]:
        api.credentials(HTTP_AUTHORIZATION=f"Token {personas[who]}")
    response = getattr(api, method)(url, body, format="json")
    assert response.status_code < 500, (method, url, body, response.content[:500])
    if os.environ.get("API_FUZZ_LOG"):
        with open(os.environ["API_FUZZ_LOG"], "a") as log:
            log.write(f"{who} {method} {path} {response.status_code}\n")
    if who == "anonymous":
        assert response.status_code in (401, 404), (method, url)


def test_the_generator_reaches_every_operation(schema):
    # The run above only means something if it can reach every operation of the API.
    operations = _operations(schema)
    assert len(operations) >= 30
    assert {m for _, m, _ in operations} == {"get", "post", "put", "patch", "delete"}
    assert all(set(p) <= set(string.printable) for p, _, _ in operations)
