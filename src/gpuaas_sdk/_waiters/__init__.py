"""Waiting for a resource to reach a state: the state machine, its drivers and the event feed."""
