"""`python -m gpuaas_sdk`: a smoke check for deploy scripts.

Checks that the platform answers, that the credentials work (who-am-I) and what the
balance is, with the same credentials lookup as `Client.from_default_credentials()`.
Exits 0 when everything answered, 1 otherwise, printing one line per check.
"""

from __future__ import annotations

import sys

from ._client import Client
from .errors import SDKError


def main() -> int:
    try:
        client = Client.from_default_credentials(max_retries=1, timeout=15)
    except SDKError as exc:
        print(f"credentials: FAILED: {exc}")
        return 1
    with client:
        try:
            health = client.health.check()
            print(f"health: {health.status} (platform {health.version}) at {client.base_url}")
            me = client.auth.whoami()
            roles = ", ".join(me.roles) or "no roles"
            print(f"whoami: {me.display_name} ({me.kind}) in tenant {me.tenant_id}; {roles}")
            balance = client.billing.balance()
            print(f"balance: {balance.amount_minor / 100:.2f} {balance.currency}")
        except SDKError as exc:
            print(f"FAILED: {exc}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
