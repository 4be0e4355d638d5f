"""A lookup for filtering on many ids at once: `field__any_of=[1, 2, ...]`; counts per row.

`__in` sends one query parameter per value; for thousands of ids (a chunk of an export) their
preparation by Django and the driver costs more than the query. On PostgreSQL the list goes as one
array parameter (`= ANY(%s)`); elsewhere it falls back to IN with a parameter each.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Count, ForeignKey, IntegerField, Lookup, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False  # the right-hand side is a list, passed through as it is

    def _values(self) -> list:
        values = list(self.rhs)
        if not values:
            raise EmptyResultSet
        return values

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = self._values()
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, self._values()]


IntegerField.register_lookup(AnyOf)
ForeignKey.register_lookup(AnyOf)


def count_per_row(related: QuerySet, group_by: str, count: str = "*", *, distinct=False):
    """An annotation: how many rows of `related` (already filtered on OuterRef("pk")) belong
    to each row, 0 for none. A correlated subquery rather than a join, which would multiply
    the rows of a list that counts two things."""
    counted = Count(count, distinct=distinct) if count != "*" else Count("*")
    rows = related.order_by().values(group_by).annotate(n=counted).values("n")[:1]
    return Coalesce(Subquery(rows), Value(0))
