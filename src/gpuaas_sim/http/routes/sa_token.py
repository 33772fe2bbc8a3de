"""`exchangeServiceAccountAssertion`: trade a service-account JWT for tokens (RFC 7523)."""

from __future__ import annotations

from ..registry import Call, Reply, operation


@operation("exchangeServiceAccountAssertion")
def exchange_assertion(call: Call) -> Reply:
    audience = str(call.request.url.replace(query=""))
    principal = call.sim.assertions.verify(call.body["assertion"], audience, call.sim.clock.now())
    grant = call.sim.identity.issue_for(principal)
    return Reply(grant.to_json(), {"Cache-Control": "no-store"})
