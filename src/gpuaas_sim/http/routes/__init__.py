"""Handlers of the contract's operations, one module per area, registered by `operationId`.

Every module here is imported by `registry.registrations()`; a handler holds domain calls
only (paths, authentication, validation, idempotency and audit come from the contract).
"""
