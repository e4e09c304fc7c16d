"""The JSON API: what an API token may read and write, and who manages tokens.

A token belongs to one organisation and acts for it as the organisation's staff would on the
pages, without the HR administrator's right to change anything: `token_user` gives the rules
of the other access modules a principal with the organisation as its only staff organisation
(a coordinator's view), so tenancy is decided by the same `*_for_user` querysets as on the
pages: a partner's token sees the joint edition and its own people in it, nothing else of the
host. Each endpoint also needs the token's scope for it; the only write, the roster push,
needs `roster:write` and the token's own organisation. SCIM provisioning (Entra ID) needs
`scim:write` and reaches only the token's own organisation's people.

Tokens are created and revoked by the organisation's HR administrators (and superusers); the
interactive API documentation is for signed-in staff.
"""

from __future__ import annotations

from django.db.models import QuerySet

from plantskola.access.base import UserLike, deny_unless, get_visible_or_404
from plantskola.access.core import organisations_for_user, people_for_user
from plantskola.access.principal import _CACHE_ATTRIBUTE, Principal, principal
from plantskola.api.models import ApiToken, ScimUser
from plantskola.core.models import Organisation, Person, User

# No user has this id: a token's principal matches no programme role or own person.
TOKEN_USER_ID = 0


def token_principal(token: ApiToken) -> Principal:
    """What the rules know about a token: staff (not HR) of its organisation."""
    org = frozenset({token.organisation_id})
    return Principal(user_id=TOKEN_USER_ID, coordinator_org_ids=org, staff_org_ids=org)


def token_user(token: ApiToken) -> User:
    """A stand-in user for the rules of the other access modules, with the token's principal
    (never saved; lives as long as the request)."""
    user = User(username=f"api-token-{token.pk}", is_active=True)
    setattr(user, _CACHE_ATTRIBUTE, token_principal(token))
    return user


def token_has_scope(token: ApiToken, scope: str) -> bool:
    return token.is_usable() and scope in token.scopes


def roster_can_push(token: ApiToken, organisation: Organisation) -> bool:
    """Push the roster of `organisation`: a `roster:write` token of that organisation."""
    return (
        token_has_scope(token, ApiToken.Scope.ROSTER_WRITE)
        and token.organisation_id == organisation.pk
    )


# --- the token page ---------------------------------------------------------------------------


def api_tokens_can_manage(user: UserLike, organisation: Organisation) -> bool:
    """Create and revoke an organisation's tokens: its HR administrators, and superusers."""
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or organisation.pk in p.hr_org_ids)


def api_tokens_organisation_get_for_user(user: UserLike, *, slug: str) -> Organisation:
    """The organisation whose tokens are managed: 404 unless the user works in it (as on
    its other pages), 403 unless they are its HR administrator."""
    organisation = get_visible_or_404(organisations_for_user(user), slug=slug)
    deny_unless(api_tokens_can_manage(user, organisation))
    return organisation


def api_tokens_for_user(user: UserLike, organisation: Organisation) -> QuerySet[ApiToken]:
    if not api_tokens_can_manage(user, organisation):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(organisation=organisation)


def api_docs_can_view(user: UserLike) -> bool:
    """The OpenAPI document and interactive docs: signed-in staff of some organisation."""
    p = principal(user)
    return p.is_authenticated and (p.is_superuser or bool(p.staff_org_ids))


# --- SCIM provisioning (Entra ID) -------------------------------------------------------------


def scim_can_provision(token: ApiToken) -> bool:
    """Provision accounts with SCIM: a `scim:write` token, always in its own organisation."""
    return token_has_scope(token, ApiToken.Scope.SCIM_WRITE)


def scim_people_for_token(token: ApiToken) -> QuerySet[Person]:
    """The people a SCIM token may provision or match: those of its own organisation that its
    staff see on the pages (a partner's token: its own people, never the host's)."""
    if not scim_can_provision(token):
        return Person.objects.none()
    return people_for_user(token_user(token)).filter(organisation_id=token.organisation_id)


def scim_users_for_token(token: ApiToken) -> QuerySet[ScimUser]:
    """The SCIM `Users` of the token: the provisioned people of `scim_people_for_token`."""
    return ScimUser.objects.filter(
        organisation_id=token.organisation_id, person__in=scim_people_for_token(token)
    )


def scim_user_get_for_token(token: ApiToken, person_id: int) -> ScimUser:
    """One SCIM user by its id (the person's): 404 for a missing one and another's alike."""
    return get_visible_or_404(
        scim_users_for_token(token).select_related("person__user", "person__manager"),
        person_id=person_id,
    )
