from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.oidc_authorization_form_action import OidcAuthorizationFormAction
from ..models.pkce_code_challenge_method import PkceCodeChallengeMethod
from ..types import UNSET, Unset, redacted_repr

T = TypeVar("T", bound="OidcAuthorizationForm")


@_attrs_define
class OidcAuthorizationForm:
    """The parameters of `authorizeOidc`, carried by the sign-in form, plus the credentials typed in and the button
    pressed. A browser sends both credential fields, empty ones too; a missing or empty one is refused with a 401 when
    signing in, and ignored on `cancel`.

        Example:
            {'response_type': 'code', 'client_id': 'gpuaas-sdk', 'redirect_uri': 'http://127.0.0.1:53682/callback',
                'code_challenge': 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'code_challenge_method': 'S256', 'state':
                'af0ifjsldkj', 'tenant_hint': 'acme', 'username': 'dev-user', 'password': 'dev123'}

        Attributes:
            response_type (Literal['code']):  Default: 'code'.
            client_id (str):
            redirect_uri (str): Loopback URI (`http://127.0.0.1`, `http://[::1]` or `http://localhost`, any port and path).
            code_challenge (str): BASE64URL(SHA-256(code_verifier)) without padding.
            code_challenge_method (PkceCodeChallengeMethod): How `code_challenge` was derived from `code_verifier`; only
                `S256` is accepted (`plain` is not).
            state (str):
            tenant_hint (str | Unset):
            username (str | Unset):
            password (str | Unset):
            action (OidcAuthorizationFormAction | Unset): The button pressed: sign in with the credentials, or cancel the
                sign-in. Default: OidcAuthorizationFormAction.SIGN_IN.
    """

    client_id: str
    redirect_uri: str
    code_challenge: str
    code_challenge_method: PkceCodeChallengeMethod
    state: str
    response_type: Literal["code"] = "code"
    tenant_hint: str | Unset = UNSET
    username: str | Unset = UNSET
    password: str | Unset = _attrs_field(default=UNSET, repr=redacted_repr)
    action: OidcAuthorizationFormAction | Unset = OidcAuthorizationFormAction.SIGN_IN

    def to_dict(self) -> dict[str, Any]:
        response_type = self.response_type

        client_id = self.client_id

        redirect_uri = self.redirect_uri

        code_challenge = self.code_challenge

        code_challenge_method = self.code_challenge_method.value

        state = self.state

        tenant_hint = self.tenant_hint

        username = self.username

        password = self.password

        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "response_type": response_type,
                "client_id": client_id,
                "redirect_uri": redirect_uri,
                "code_challenge": code_challenge,
                "code_challenge_method": code_challenge_method,
                "state": state,
            }
        )
        if tenant_hint is not UNSET:
            field_dict["tenant_hint"] = tenant_hint
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if action is not UNSET:
            field_dict["action"] = action

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        response_type = cast(Literal["code"], d.pop("response_type"))
        if response_type != "code":
            raise ValueError(
                f"response_type must match const 'code', got '{response_type}'"
            )

        client_id = d.pop("client_id")

        redirect_uri = d.pop("redirect_uri")

        code_challenge = d.pop("code_challenge")

        code_challenge_method = PkceCodeChallengeMethod.from_value(
            d.pop("code_challenge_method")
        )

        state = d.pop("state")

        tenant_hint = d.pop("tenant_hint", UNSET)

        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        _action = d.pop("action", UNSET)
        action: OidcAuthorizationFormAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = OidcAuthorizationFormAction.from_value(_action)

        # Positional, in the order of the class's fields: faster than keywords.
        oidc_authorization_form = cls(
            client_id,
            redirect_uri,
            code_challenge,
            code_challenge_method,
            state,
            response_type,
            tenant_hint,
            username,
            password,
            action,
        )

        return oidc_authorization_form
