"""`gpuaas-sim`: run the simulator over HTTP for demos and for tests in other languages."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from .config import SimConfig
from .identity import DEV_PASSWORD, DEV_USERNAME
from .server import RunningServer, bind, uvicorn_server
from .simulator import Simulator

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
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug"],
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s:     %(message)s")
    config = SimConfig(
        clock_speed=args.clock_speed,
        seed=args.seed,
        access_token_ttl=args.access_token_ttl,
        rate_limit_per_minute=args.rate_limit_per_minute,
    )
    sim = Simulator(config)
    sock = bind(args.host, args.port)
    where = RunningServer(args.host, sock.getsockname()[1]).base_url
    log.info(
        "gpuaas-sim listening on %s (clock x%g, seed %d); dev login: %s / %s",
        where,
        config.clock_speed,
        config.seed,
        DEV_USERNAME,
        DEV_PASSWORD,
    )
    uvicorn_server(sim, log_level=args.log_level).run(sockets=[sock])
