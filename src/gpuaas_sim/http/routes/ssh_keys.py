"""The caller's SSH public keys."""

from __future__ import annotations

from typing import Any

from ..pagination import page_of
from ..registry import Call, operation


@operation("listSshKeys")
def list_ssh_keys(call: Call) -> dict[str, Any]:
    return page_of(
        call.query,
        call.sim.ssh_keys.owned_by(call.caller),
        kind="ssh-keys",
        position=lambda k: k.seq,
        render=lambda k: k.to_json(),
        descending=True,
    )


@operation("addSshKey")
def add_ssh_key(call: Call) -> dict[str, Any]:
    return call.sim.ssh_keys.add(call.caller, call.body["name"], call.body["public_key"]).to_json()


@operation("getSshKey")
def get_ssh_key(call: Call) -> dict[str, Any]:
    return call.sim.ssh_keys.get(call.caller, call.path["ssh_key_id"]).to_json()


@operation("deleteSshKey")
def delete_ssh_key(call: Call) -> None:
    call.sim.ssh_keys.delete(call.caller, call.path["ssh_key_id"])
