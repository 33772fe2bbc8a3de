"""Several real processes sharing one profile never burn each other's refresh token.

The simulator rotates refresh tokens and treats the reuse of a spent one as theft:
the whole sign-in is revoked, and every holder has to log in again. Two Python
processes use `Client.from_default_credentials()` on one profile; the test expires
every access token between rounds, so both need a new one at the same moment.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gpuaas_sdk._auth.credentials import default_credentials
from gpuaas_sdk._auth.token_store import FileTokenStore
from gpuaas_sdk.auth import BrowserOIDCAuth, DevPasswordAuth
from gpuaas_sdk.errors import ConfigurationError
from gpuaas_sim import Simulator

# Reads one line per round from stdin, answers with who it is (or the error).
WORKER = """\
import sys
from gpuaas_sdk import Client
from gpuaas_sdk.errors import SDKError

with Client.from_default_credentials(max_retries=0) as client:
    for _ in sys.stdin:
        try:
            print(client.auth.whoami().principal_id, flush=True)
        except SDKError as exc:
            print(f"error {exc.code}", flush=True)
"""

ROUNDS = 6


def write_profile(config_home: Path, base_url: str) -> None:
    folder = config_home / "gpuaas"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "credentials.toml").write_text(
        f'[lab]\nbase_url = "{base_url}"\nusername = "dev-user"\npassword = "dev123"\n'
    )


def worker_env(config_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GPUAAS_")}
    return {**env, "XDG_CONFIG_HOME": str(config_home), "GPUAAS_PROFILE": "lab"}


class Worker:
    def __init__(self, config_home: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            env=worker_env(config_home),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("whoami\n")
        self.process.stdin.flush()

    def answer(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(30)


@pytest.fixture
def workers() -> Iterator[list[Worker]]:
    started: list[Worker] = []
    yield started
    for worker in started:
        worker.stop()


def token_requests(sim: Simulator, path: str) -> int:
    return sum(1 for r in sim.requests_log if r.method == "POST" and r.path == path)


def run_rounds(sim: Simulator, first: Worker, second: Worker) -> list[str]:
    """The first process signs in alone, then both call at once after every expiry."""
    first.ask()
    answers = [first.answer()]
    for _ in range(ROUNDS):
        sim.identity.expire_access_tokens()
        first.ask()
        second.ask()
        answers += [first.answer(), second.answer()]
    return answers


def test_processes_sharing_a_profile_adopt_each_others_rotated_refresh_token(
    sim, base_url, tmp_path, workers
):
    write_profile(tmp_path, base_url)
    workers += [Worker(tmp_path), Worker(tmp_path)]

    answers = run_rounds(sim, *workers)

    assert set(answers) == {"usr-dev-user"}
    # One sign-in for both processes; one refresh per expiry, never a refused one
    # (a refused refresh would be followed by a second login).
    assert token_requests(sim, "/v1/auth/login") == 1
    assert token_requests(sim, "/v1/auth/token/refresh") == ROUNDS
    stored = FileTokenStore(tmp_path / "gpuaas" / "tokens.json").load("lab")
    assert stored is not None
    assert sim.identity.authenticate(stored.access_token).principal_id == "usr-dev-user"


def test_without_the_shared_store_the_reused_refresh_token_revokes_the_sign_in(
    sim, base_url, tmp_path, workers
):
    """The control: each process keeps its own copy of the same tokens, so both spend one."""
    first_home, second_home = tmp_path / "first", tmp_path / "second"
    write_profile(first_home, base_url)
    write_profile(second_home, base_url)
    workers.append(Worker(first_home))
    workers[0].ask()
    assert workers[0].answer() == "usr-dev-user"
    store = first_home / "gpuaas" / "tokens.json"
    (second_home / "gpuaas" / "tokens.json").write_bytes(store.read_bytes())
    workers.append(Worker(second_home))

    sim.identity.expire_access_tokens()
    for worker in workers:
        worker.ask()
        assert worker.answer() == "usr-dev-user"  # the loser of the race logs in again

    assert token_requests(sim, "/v1/auth/login") == 2
    workers[0].ask()  # its rotated token belonged to the revoked sign-in
    assert workers[0].answer() == "error token_invalid"


class TestProfiles:
    def test_a_password_profile_keeps_its_tokens_under_its_name(self, tmp_path):
        write_profile(tmp_path, "http://127.0.0.1:9")
        found = default_credentials({"XDG_CONFIG_HOME": str(tmp_path), "GPUAAS_PROFILE": "lab"})
        assert isinstance(found.auth, DevPasswordAuth)
        assert found.profile == "lab"
        assert found.auth._store is not None
        assert found.auth._store.path == tmp_path / "gpuaas" / "tokens.json"
        assert found.auth._profile == "lab"

    def test_environment_credentials_are_not_stored(self, tmp_path):
        env = {
            "XDG_CONFIG_HOME": str(tmp_path),
            "GPUAAS_BASE_URL": "http://127.0.0.1:9",
            "GPUAAS_USERNAME": "dev-user",
            "GPUAAS_PASSWORD": "dev123",
        }
        found = default_credentials(env)
        assert isinstance(found.auth, DevPasswordAuth)
        assert found.auth._store is None
        assert found.profile is None

    def test_a_browser_profile_uses_the_clis_stored_sign_in(self, sim, base_url, tmp_path):
        from gpuaas_sdk import Client

        folder = tmp_path / "gpuaas"
        folder.mkdir()
        (folder / "credentials.toml").write_text(
            f'[default]\nbase_url = "{base_url}"\nlogin = "browser"\n'
        )
        store = FileTokenStore(folder / "tokens.json")
        # What the CLI left after its browser sign-in: a token pair under the profile.
        with Client(base_url, auth=DevPasswordAuth("dev-user", "dev123", token_store=store)) as c:
            c.auth.whoami()
        env = {"XDG_CONFIG_HOME": str(tmp_path)}
        found = default_credentials(env)
        assert isinstance(found.auth, BrowserOIDCAuth)
        found.auth.open_browser = False
        found.auth.timeout = 0.01  # a sign-in attempt would fail fast, not hang

        sim.identity.expire_access_tokens()
        with Client(found.base_url, auth=found.auth) as client:
            assert client.auth.whoami().principal_id == "usr-dev-user"
        assert token_requests(sim, "/v1/auth/oidc/token") == 0
        assert token_requests(sim, "/v1/auth/token/refresh") == 1

    def test_an_unknown_login_kind_is_refused_naming_the_choice(self, tmp_path):
        folder = tmp_path / "gpuaas"
        folder.mkdir()
        (folder / "credentials.toml").write_text(
            '[default]\nbase_url = "http://127.0.0.1:9"\nlogin = "sms"\n'
        )
        with pytest.raises(ConfigurationError, match='login = "browser"'):
            default_credentials({"XDG_CONFIG_HOME": str(tmp_path)})
