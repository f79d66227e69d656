"""Row-level permissions for the network snippets: each municipality's editors keep their own rows.

Key concepts: the Django model permissions of a group say *what* a user may do with persons,
organisations, bodies and municipalities; `MunicipalityScopedPolicy` adds *which rows*: the
central team („Redaktion“, superusers) every row, anyone else only the rows of the
municipalities whose editor group they are in (`roles.editor_municipality_ids`). Rows without a
municipality belong to the central team. Every admin path (listing, edit, delete, history,
export, chooser, bulk actions, DSGVO views) asks this policy, through Wagtail's
`policy_registry`, so hidden and not-consented contacts are seen in the admin only by the
central team and by the editors of that contact's municipality.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from .roles import CENTRAL_GROUP, editor_municipality_ids, is_central_editor


class MunicipalityScopedPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the rows of the user's municipalities."""

    def __init__(self, model, scope_field="municipality", shared_choosable=False):
        super().__init__(model)
        self.scope_field = scope_field  # "pk" for Municipality itself
        self.shared_choosable = shared_choosable

    def _municipality_id(self, instance):
        return (
            instance.pk if self.scope_field == "pk" else getattr(instance, f"{self.scope_field}_id")
        )

    def in_scope(self, user, instance):
        if is_central_editor(user):
            return True
        municipality_id = self._municipality_id(instance)
        return municipality_id is not None and municipality_id in editor_municipality_ids(user)

    def scope(self, user, queryset):
        """`queryset` cut down to the rows `user` may touch at all."""
        if is_central_editor(user):
            return queryset
        return queryset.filter(**{f"{self.scope_field}__in": editor_municipality_ids(user)})

    def choosable(self, user, queryset):
        """`queryset` cut down to the rows `user` may pick in a chooser or a form's select."""
        if is_central_editor(user) or not self.shared_choosable:
            return self.scope(user, queryset)
        return queryset.filter(
            Q(**{f"{self.scope_field}__in": editor_municipality_ids(user)})
            | Q(**{f"{self.scope_field}__isnull": True})
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scope(user, super().instances_user_has_any_permission_for(user, actions))

    def users_with_any_permission_for_instance(self, actions, instance):
        municipality_id = self._municipality_id(instance)
        allowed = Q(is_superuser=True) | Q(groups__name=CENTRAL_GROUP)
        if municipality_id is not None:
            allowed |= Q(groups__municipality__pk=municipality_id)
        users = self.users_with_any_permission(actions)
        return users.filter(pk__in=get_user_model().objects.filter(allowed).values("pk"))


def scoped_policy(model):
    """The model's policy when it is row-scoped, else None."""
    policy = policy_registry.get_by_type(model)
    return policy if isinstance(policy, MunicipalityScopedPolicy) else None


def scoped_models():
    """The models whose rows belong to municipalities, in the order `register` made them."""
    return list(SCOPED_MODELS)


SCOPED_MODELS = []


def register():
    """Called from AppConfig.ready(): before any view asks for a (fallback) policy."""
    from .models import Body, Municipality, Organisation, Person

    policies = {
        Person: MunicipalityScopedPolicy(Person),
        Organisation: MunicipalityScopedPolicy(Organisation, shared_choosable=True),
        Body: MunicipalityScopedPolicy(Body, shared_choosable=True),
        Municipality: MunicipalityScopedPolicy(Municipality, "pk"),
    }
    for model, policy in policies.items():
        register_permission_policy(model, policy)
    SCOPED_MODELS[:] = policies
