"""The HTTP core every call goes through: transport, retries, failover, errors, one call runner."""
