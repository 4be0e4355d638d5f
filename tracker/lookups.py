"""A lookup for filtering on many ids at once: `field__any_of=[1, 2, ...]`.

`__in` sends one query parameter per value; for thousands of ids (a chunk of an export) their
preparation by Django and the driver costs more than the query. On PostgreSQL the list goes as one
array parameter (`= ANY(%s)`); elsewhere it falls back to IN with a parameter each.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField, Lookup


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
