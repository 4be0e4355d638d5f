"""`__any_of`: filter on a list of ids as one parameter (PostgreSQL) or IN (elsewhere)."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative, Mention
from tests.factories import make_initiative, make_meeting, mention


def test_it_selects_the_same_rows_as_in(db):
    made = [make_initiative(f"Initiative {n}") for n in range(5)]
    wanted = [made[0].pk, made[3].pk, made[4].pk]
    by_in = set(Initiative.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    by_any = set(Initiative.objects.filter(pk__any_of=wanted).values_list("pk", flat=True))
    assert by_any == by_in == set(wanted)


def test_it_works_on_a_foreign_key_and_sends_one_parameter_on_postgresql(db):
    meeting = make_meeting("ADGMIN", 3, date(2023, 2, 9))
    made = [make_initiative(f"Named {n}") for n in range(3)]
    for initiative in made:
        mention(meeting, initiative, status="adopted")
    ids = [made[0].pk, made[2].pk]
    with CaptureQueriesContext(connection) as queries:
        found = set(
            Mention.objects.filter(initiative_id__any_of=ids).values_list(
                "initiative_id", flat=True
            )
        )
    assert found == set(ids)
    sql = queries.captured_queries[-1]["sql"]
    assert ("= ANY" in sql) == (connection.vendor == "postgresql")


def test_an_empty_list_matches_nothing_without_a_query(db):
    make_initiative("Anything")
    with CaptureQueriesContext(connection) as queries:
        assert list(Initiative.objects.filter(pk__any_of=[])) == []
    assert len(queries) == 0
