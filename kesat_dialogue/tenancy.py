"""One mechanism that keeps each commune's data to itself, enforced by the ORM.

Every tenant model names the lookup that leads to its commune (``commune_lookup``) and uses
``TenantQuerySet``. Whenever such a queryset is about to run SQL it reads the active scope
(django-scopes' ``scope`` / ``scopes_disabled`` state):

- inside a request of a commune's staff member (``CommuneMiddleware``), it adds the filter on
  that commune itself, so a view that forgets to scope a query still sees only its commune;
- outside any commune — an anonymous request, a Celery task, a command — it refuses with
  ``ScopeError`` unless the code names its escape: :func:`commune_scope` (the public pages of
  one commune, a task about one commune's record) or :func:`all_communes` (the reminder sweep,
  commands, the province's read-only views).

The check runs when the query runs, not when it is built, because Django builds querysets at
import time too (a ModelForm's choice fields) and those must follow the scope of the request
that finally evaluates them. Saving, ``create()`` and related-object access by foreign key
(the base manager) are not queries across a commune's rows and are left alone.
"""

import contextlib

from django.db import models
from django.db.models import Q
from django.http import Http404
from django_scopes import ScopeError, get_scope, scope, scopes_disabled

__all__ = [
    "CommuneMiddleware",
    "CommuneQuerySet",
    "ScopeError",
    "TenantQuerySet",
    "all_communes",
    "commune_scope",
    "get_scoped_or_404",
    "scoped",
]


class CommuneQuerySet(models.QuerySet):
    """Rows that name their commune: filtered by hand, never refused (users, communes)."""

    def for_commune(self, commune):
        if commune is None:
            return self.none()
        return self.filter(**{self.model.commune_lookup: commune})


def _active_commune():
    """The commune the running code may read, ``None`` inside a named escape; refuses when
    no scope is active at all."""
    state = get_scope()
    if not state.get("_enabled", True):
        return None
    commune = state.get("commune")
    if commune is None:
        raise ScopeError(
            "A tenant query ran outside any commune: run it in a staff request, or name its "
            "scope with tenancy.commune_scope(commune) or tenancy.all_communes(reason)."
        )
    return commune


class TenantQuerySet(CommuneQuerySet):
    """A commune's rows only: the active scope's commune is added before any SQL runs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._scoped_for = None

    def _clone(self):
        clone = super()._clone()
        clone._scoped_for = self._scoped_for
        return clone

    def for_commune(self, commune):
        queryset = super().for_commune(commune)
        if commune is not None:
            queryset._scoped_for = commune.pk
        return queryset

    def under(self, **parent):
        """The rows of one parent record of the commune, ``under(plan=plan)``, or of several
        of one commune, ``under(plan__in=plans)``: for a model whose commune is its
        parent's, the filter on the parent names the commune too, so the scope adds no join
        of its own (a join on every row of a long list). A parent of another commune gets
        the scope's filter as usual, and no rows."""
        ((name, value),) = parent.items()
        field, _, lookup = name.partition("__")
        if lookup not in ("", "in") or self.model.commune_lookup != f"{field}__commune":
            raise ValueError(f"{self.model.__name__} does not take its commune from {name}")
        communes = {obj.commune_id for obj in (value if lookup else [value])}
        queryset = self.filter(**parent)
        if len(communes) == 1:
            queryset._scoped_for = communes.pop()
        return queryset

    def _scoped_query(self):
        """This query limited to the active commune; ``None`` when nothing needs adding."""
        commune = _active_commune()
        # A combined query is checked part by part: only its first part says where it was
        # scoped from.
        if commune is None or (self._scoped_for == commune.pk and not self.query.combinator):
            return None
        query = self.query.chain()
        lookup = Q(**{self.model.commune_lookup: commune})
        if query.combinator:
            parts = [part.chain() for part in query.combined_queries]
            for part in parts:
                part.add_q(lookup)
            query.combined_queries = tuple(parts)
        else:
            query.add_q(lookup)
        return query

    def _in_scope(self):
        query = self._scoped_query()
        if query is None:
            return self
        clone = self._chain()
        clone._query = query
        clone._scoped_for = _active_commune().pk
        return clone

    def _fetch_all(self):
        if self._result_cache is None:
            query = self._scoped_query()
            if query is not None:
                self._query = query
                self._scoped_for = _active_commune().pk
        super()._fetch_all()

    # Every other way a queryset reaches the database goes through the scoped clone.
    def iterator(self, chunk_size=None):
        scoped = self._in_scope()
        return super(TenantQuerySet, scoped).iterator(chunk_size=chunk_size)

    def count(self):
        if self._result_cache is not None:
            return len(self._result_cache)
        return super(TenantQuerySet, self._in_scope()).count()

    def exists(self):
        if self._result_cache is not None:
            return bool(self._result_cache)
        return super(TenantQuerySet, self._in_scope()).exists()

    def contains(self, obj):
        return super(TenantQuerySet, self._in_scope()).contains(obj)

    def aggregate(self, *args, **kwargs):
        return super(TenantQuerySet, self._in_scope()).aggregate(*args, **kwargs)

    def update(self, **kwargs):
        return super(TenantQuerySet, self._in_scope()).update(**kwargs)

    update.alters_data = True

    def delete(self):
        return super(TenantQuerySet, self._in_scope()).delete()

    delete.alters_data = True

    def explain(self, *, format=None, **options):
        return super(TenantQuerySet, self._in_scope()).explain(format=format, **options)


@contextlib.contextmanager
def commune_scope(commune):
    """Run tenant queries for one commune: its public pages, a task about one of its records."""
    if commune is None:
        raise ValueError("commune_scope needs a commune")
    with scope(commune=commune):
        yield


@contextlib.contextmanager
def all_communes(reason: str):
    """The named escape: queries across every commune, for code that serves no one commune
    (the reminder sweep, commands, the installation's administrator, the province)."""
    if not reason:
        raise ValueError("say why the code reads across communes")
    with scopes_disabled():
        yield


def scoped(request, model_or_queryset):
    """The rows of a model (or queryset) that belong to the request's commune."""
    queryset = (
        model_or_queryset._default_manager.all()
        if isinstance(model_or_queryset, type)
        else model_or_queryset
    )
    return queryset.for_commune(getattr(request, "commune", None))


def get_scoped_or_404(request, model_or_queryset, **lookup):
    try:
        obj = scoped(request, model_or_queryset).get(**lookup)
    except (models.ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Không tìm thấy trong dữ liệu của xã.") from exc
    commune = getattr(request, "commune", None)
    if commune is not None and getattr(obj, "commune_id", None) == commune.pk:
        # The request has read its commune already: the object names the same one.
        obj.commune = commune
    return obj


class CommuneMiddleware:
    """Puts ``request.commune`` (the signed-in staff member's commune, or None) and runs the
    request inside that commune's scope. A request without a commune (the public pages, the
    login page) has no scope: its tenant queries must name one. The installation's
    administrator, who belongs to no commune, works across communes in the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        request.commune = None
        if user is not None and user.is_authenticated and user.is_commune_staff:
            request.commune = user.commune
        if request.commune is None and user is not None and user.is_superuser:
            context = all_communes("the installation's administrator")
        else:
            context = scope(commune=request.commune)
        with context:
            return self.get_response(request)
