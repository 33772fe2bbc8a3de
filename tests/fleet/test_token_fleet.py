"""Hosts sharing one sign-in through Redis refresh once per rotation, never twice.

Each host is a process with a config folder of its own whose profile names the Redis
token store (`token_store = "redis://..."`); its workers (threads with `Client`, tasks
with `AsyncClient`, a client each) call at once after every access token was expired,
so every one of them needs a new token at the same moment.
"""

from pathlib import Path

from gpuaas_sim import Simulator

from .harness import Measured, hosts, round_of, tally, write_profile

ROTATIONS = 3
PLAN = {"mode": "rounds", "calls": 2, "sync_workers": 3, "async_workers": 3}


def test_hosts_on_a_redis_store_refresh_once_per_rotation(
    sim: Simulator, measured: Measured, base_url: str, redis_url: str, folder: Path
) -> None:
    def configure(home: Path) -> None:
        write_profile(home, base_url, token_store=redis_url)

    with hosts(2, folder, PLAN, configure) as fleet:
        answers = round_of(fleet)  # every worker of both hosts signs in at once
        for _ in range(ROTATIONS):
            sim.identity.expire_access_tokens()
            answers += round_of(fleet)

    ok, errors = tally(answers)
    assert errors == {}
    assert ok == 2 * 6 * 2 * (ROTATIONS + 1)
    assert measured.logins == 1
    assert measured.refreshes == ROTATIONS
    assert measured.refused_refreshes == 0


def test_without_a_shared_store_hosts_replay_each_others_refresh_token(
    sim: Simulator, measured: Measured, base_url: str, folder: Path
) -> None:
    """The control: the same sign-in copied to each host's own token file (as a deploy
    that ships one would) is refreshed by every host, and the replay revokes it."""

    def configure(home: Path) -> None:
        write_profile(home, base_url)
        if home.name != "host-0":
            source = folder / "host-0" / "gpuaas" / "tokens.json"
            (home / "gpuaas" / "tokens.json").write_bytes(source.read_bytes())

    plan = {"mode": "rounds", "calls": 1, "sync_workers": 1, "async_workers": 0}
    with hosts(1, folder, plan, configure) as first:
        round_of(first)  # host-0 signs in and keeps the tokens in its own file
    with hosts(2, folder, plan, configure) as fleet:
        sim.identity.expire_access_tokens()
        answers = round_of(fleet)

    assert measured.refused_refreshes >= 1  # the second host replayed a rotated token
    ok, errors = tally(answers)
    assert ok + sum(errors.values()) == 2
