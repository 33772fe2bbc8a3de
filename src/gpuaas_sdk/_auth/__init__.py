"""Authentication: one token-refresh flow, the handlers built on it, token stores, credentials."""
