"""`gpuaas-sim`: run the simulator over HTTP for demos and for tests in other languages."""

from __future__ import annotations

import argparse
import logging
import signal
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from .platform.identity import DEV_PASSWORD, DEV_USERNAME
from .runtime.clock import format_time
from .runtime.config import SimConfig
from .runtime.fault_profiles import PROFILES, FaultProfileError, ProfileInjector
from .runtime.persistence import PersistenceError
from .runtime.server import RunningServer, bind, uvicorn_server
from .simulator import Simulator
from .web.playground import PAGE_PATH as PLAYGROUND_PATH

__all__ = ["main"]

log = logging.getLogger("gpuaas_sim")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="gpuaas-sim", description="Run the local GPUaaS platform simulator."
    )
    defaults = SimConfig()
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on (0: any free)")
    parser.add_argument(
        "--clock-speed",
        type=float,
        default=defaults.clock_speed,
        help="simulated seconds per real second (provisioning etc. run this much faster)",
    )
    parser.add_argument("--seed", type=int, default=defaults.seed, help="seed of generated ids")
    parser.add_argument(
        "--access-token-ttl",
        type=float,
        default=defaults.access_token_ttl,
        help="access token lifetime in simulated seconds",
    )
    parser.add_argument(
        "--rate-limit-per-minute",
        type=int,
        default=defaults.rate_limit_per_minute,
        help="requests per minute per access token or client address",
    )
    parser.add_argument(
        "--rate-limit-per-second",
        type=int,
        default=None,
        help="requests per second instead (overrides --rate-limit-per-minute)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="PATH",
        help="keep the state in PATH (SQLite + stored files) so a restart resumes it;"
        " default: in memory",
    )
    parser.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help="keep the state in this PostgreSQL database (postgresql://...): every process"
        " given the same URL serves the same platform, on one port or several"
        " (needs gpuaas-sim[postgres]); --data-dir is then the folder of stored bytes",
    )
    parser.add_argument(
        "--sandbox-ttl",
        type=float,
        default=defaults.sandbox_ttl,
        metavar="SECONDS",
        help="how long a sandbox made without a ttl_seconds lives (real seconds)",
    )
    parser.add_argument(
        "--fault-profile",
        default=None,
        metavar="NAME|FILE",
        help=f"faults for the whole run: {', '.join(PROFILES)}, or a JSON/YAML file of rules",
    )
    parser.add_argument(
        "--control-api",
        action="store_true",
        help="serve /_sim/... to steer the simulator over HTTP (no auth: never expose it)",
    )
    parser.add_argument(
        "--playground",
        action="store_true",
        help="serve a live page of the dev account, the requests and failure buttons at"
        " /_sim/playground (turns the control API on)",
    )
    parser.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug"],
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s:     %(message)s")
    try:
        config = SimConfig(
            clock_speed=args.clock_speed,
            seed=args.seed,
            access_token_ttl=args.access_token_ttl,
            rate_limit_per_minute=args.rate_limit_per_minute,
            rate_limit_per_second=args.rate_limit_per_second,
            control_api=args.control_api or args.playground,
            playground=args.playground,
            data_dir=args.data_dir,
            database=args.database,
            sandbox_ttl=args.sandbox_ttl,
            fault_profile=args.fault_profile,
        )
        sim = Simulator(config)
    except (PersistenceError, FaultProfileError, ValueError) as exc:
        raise SystemExit(f"gpuaas-sim: {exc}") from None
    # Processes of one database are interchangeable: they may listen on one port together.
    sock = bind(args.host, args.port, shared=config.database is not None)
    # uvicorn stops gracefully on SIGINT/SIGTERM, then re-raises the signal to the handler
    # in place before it started: make that an orderly exit, so the state is saved below.
    signal.signal(signal.SIGTERM, _exit_quietly)
    try:
        where = RunningServer(args.host, sock.getsockname()[1]).base_url
        log.info(
            "gpuaas-sim listening on %s (clock x%g, seed %d); dev login: %s / %s",
            where,
            sim.clock.speed,
            config.seed,
            DEV_USERNAME,
            DEV_PASSWORD,
        )
        log.info("state: %s", _state_line(sim))
        log.info("faults: %s", _faults_line(sim))
        if config.playground:
            log.info("playground: %s%s", where, PLAYGROUND_PATH)
        uvicorn_server(sim, log_level=args.log_level).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sim.close()  # saves the state one last time
        log.info("gpuaas-sim stopped%s", "; state saved" if sim.persistence else "")


def _exit_quietly(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def _state_line(sim: Simulator) -> str:
    if sim.persistence is None:
        return "in memory (no --data-dir): it ends with the process"
    store = sim.persistence.store
    if not store.exclusive:
        how = "joined" if sim.restored else "fresh"
        return (
            f"{how}, shared with every process of the database {store.where}"
            f" (stored bytes in {sim.config.data_dir}; simulated time"
            f" {format_time(sim.clock.now())})"
        )
    if sim.restored:
        return f"restored from {store.where} (simulated time {format_time(sim.clock.now())})"
    return f"fresh, saved after every request to {store.where}"


def _faults_line(sim: Simulator) -> str:
    if isinstance(sim.faults, ProfileInjector):
        rules = len(sim.faults.rules)
        return f"profile {sim.faults.name} ({rules} rule{'' if rules == 1 else 's'})"
    return "none"
