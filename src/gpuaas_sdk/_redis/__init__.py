"""Redis backends of the fleet's shared state: the token store and the rate budget.

The only part of the SDK that imports redis-py (the `gpuaas_sdk[redis]` extra), and only
when a `redis://` store or limiter is asked for. Every change to shared state is one Lua
script (`scripts.py`), so it is atomic for every process of every host.
"""
