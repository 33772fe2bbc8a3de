"""The `gpuaas` command tree, the options every command takes, and how a run ends.

Each area is a Typer app in its own module. The common options (`--output`,
`--profile`, `--debug`) belong to the root; `hoisted()` moves them to the front of
the command line, so they may also come after a command's name. Every command's
callback runs inside `_guarded`, which turns a failure into one line on stderr (a JSON
object with `--output json|yaml`) and its exit code.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any

import typer

from .. import __version__
from . import allocations, auth, billing, catalog, doctor, events, platform, storage
from .exits import (
    ERROR,
    EXIT_CODES,
    INTERRUPTED,
    CommandError,
    error_json,
    error_line,
    exit_code_for,
)
from .session import OutputFormat, current, start

HELP = f"""The GPUaaS command line: GPUs, storage, billing and the rest of the platform.

Credentials come from `gpuaas auth login` (a profile shared with the Python SDK),
or from GPUAAS_BASE_URL with GPUAAS_TOKEN (or GPUAAS_USERNAME and GPUAAS_PASSWORD).
Exit codes: {", ".join(f"{c.code} {c.name}" for c in EXIT_CODES)} (docs/cli.md).
"""

VALUED_OPTIONS = ("-o", "--output", "--profile")
FLAG_OPTIONS = ("--debug",)


@functools.cache
def build() -> typer.Typer:
    """The whole tree, every command guarded (once: the areas' apps are module-level)."""
    app = typer.Typer(
        help=HELP,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    app.callback()(_root)
    app.add_typer(auth.app, name="auth")
    app.add_typer(catalog.app, name="catalog")
    app.add_typer(allocations.app, name="allocations")
    app.add_typer(storage.app, name="storage")
    app.add_typer(events.app, name="events")
    app.add_typer(billing.app, name="billing")
    platform.register(app)
    app.command("doctor")(doctor.doctor)
    _guard_all(app)
    return app


def _root(
    output: OutputFormat = typer.Option(
        OutputFormat.TABLE,
        "-o",
        "--output",
        case_sensitive=False,
        help="table (default), json or yaml: JSON is stable for scripts (docs/cli.md).",
    ),
    profile: str | None = typer.Option(
        None,
        "--profile",
        help="Use this profile of the credentials file (default: GPUAAS_PROFILE, else "
        "'default'), whatever the environment holds.",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Log requests on stderr and print the trace of a failure."
    ),
    version: bool = typer.Option(
        False,
        "--version",
        is_eager=True,
        callback=lambda value: _print_version(value),
        help="Print the SDK's version and exit.",
    ),
) -> None:
    """The GPUaaS command line."""
    session = current()
    session.output = output
    session.profile = profile
    if debug:
        session.log_requests()


def _print_version(value: bool) -> None:
    if value:
        print(f"gpuaas-sdk {__version__}")
        raise typer.Exit(0)


def hoisted(args: Sequence[str]) -> list[str]:
    """The command line with the common options moved in front of the command's name.

    `gpuaas allocations list -o json` then means `gpuaas -o json allocations list`.
    Nothing after `--` moves.
    """
    front: list[str] = []
    rest: list[str] = []
    items = list(args)
    i = 0
    while i < len(items):
        arg = items[i]
        if arg == "--":
            rest += items[i:]
            break
        name = arg.split("=", 1)[0]
        if name in VALUED_OPTIONS:
            takes_next = "=" not in arg and i + 1 < len(items)
            front += items[i : i + 2] if takes_next else [arg]
            i += 2 if takes_next else 1
            continue
        if arg in FLAG_OPTIONS:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _guard_all(app: typer.Typer, path: str = "gpuaas") -> None:
    for info in app.registered_commands:
        if info.callback is not None:
            name = info.name or info.callback.__name__.replace("_", "-")  # Typer's own rule
            info.callback = _guarded(info.callback, f"{path} {name}")
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _guard_all(group.typer_instance, f"{path} {group.name}")


def _guarded(callback: Callable[..., Any], label: str) -> Callable[..., Any]:
    """Run a command; a failure becomes one line on stderr (starting with `label`, e.g.
    `gpuaas allocations list`) and the exit code of its kind."""

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        session = current()
        session.label = label
        try:
            return callback(*args, **kwargs)
        except typer.Exit:
            raise
        except BrokenPipeError:  # the reader of stdout went away (`| head`): nothing to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so the exit's flush does not fail again
            raise typer.Exit(ERROR.code) from None
        except KeyboardInterrupt as exc:
            notes = "".join(f"; {note}" for note in getattr(exc, "__notes__", None) or [])
            print(f"{session.label}: interrupted{notes}", file=sys.stderr, flush=True)
            raise typer.Exit(INTERRUPTED.code) from None
        except Exception as exc:
            if not _expected(exc):
                raise  # a bug: the trace is what a report needs
            code = exit_code_for(exc)
            if session.debug:
                traceback.print_exception(exc, file=sys.stderr)
            line = error_json(exc, code) if session.for_scripts else error_line(session.label, exc)
            print(line, file=sys.stderr, flush=True)
            raise typer.Exit(code.code) from None
        finally:
            session.close()

    return run


def _expected(exc: BaseException) -> bool:
    """Failures a command reports as a line: the SDK's errors and the file system's."""
    from ..errors import SDKError

    return isinstance(exc, SDKError | CommandError | OSError | TimeoutError)


def run(args: Sequence[str], *, prog_name: str = "gpuaas") -> int:
    """Parse and run one command line; return its exit code."""
    start()
    command = typer.main.get_command(build())
    try:
        command.main(hoisted(args), prog_name=prog_name, standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        current().close()
    return 0


__all__ = ["build", "hoisted", "run"]
