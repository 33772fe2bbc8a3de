"""`gpuaas allocations`: create, list, wait for, reach and release GPUs."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from itertools import islice

import typer

from ..resources.allocations import LIVE_STATES
from .exits import USAGE, CommandError
from .output import Columns, show, show_item, to_data
from .progress import wait_states
from .session import current

app = typer.Typer(help="GPUs on demand: create, list, wait for, reach and release them.")


ALLOCATIONS = Columns(
    [
        ("ID", "id"),
        ("STATUS", "status"),
        ("SKU", "sku"),
        ("GPUS", "gpus_total"),
        ("REGION", "region_code"),
        ("PROJECT", "project_id"),
        ("CREATED", "created_at"),
        (
            "SSH",
            lambda a: (
                f"{c['ssh_user']}@{c['ssh_host']}:{c['ssh_port']}"
                if (c := a.get("connection"))
                else None
            ),
        ),
    ]
)
ALLOCATION = Columns(
    [
        *ALLOCATIONS.columns,
        ("CREATED BY", "created_by"),
        ("UPDATED", "updated_at"),
        ("FAILURE", "failure_reason"),
    ]
)

TIMEOUT = typer.Option(600.0, "--timeout", help="Seconds the wait may take (then exit 3).")


@app.command("list")
def list_allocations(
    status: list[str] = typer.Option(
        [],
        "--status",
        help="Only allocations in this state: pending, provisioning, active, releasing, "
        "released, failed (repeat for several; 'live' means the first three).",
    ),
    label: list[str] = typer.Option(
        [], "--label", help="Only those carrying this label key=value (repeat for several)."
    ),
    mine: bool = typer.Option(False, "--mine", help="Only those you created."),
    limit: int | None = typer.Option(None, min=1, help="At most this many (newest first)."),
) -> None:
    """The tenant's allocations, newest first."""
    client = current().client()
    me = client.auth.whoami().principal_id if mine else None
    states = [s for given in status for s in (LIVE_STATES if given == "live" else (given,))]
    listed = client.allocations.list(status=states or None, labels=_labels(label), created_by=me)
    show(to_data(list(islice(listed, limit))), ALLOCATIONS)


@app.command()
def get(allocation_id: str = typer.Argument(..., metavar="ID")) -> None:
    """One allocation as it is now."""
    show(to_data(current().client().allocations.get(allocation_id)), ALLOCATION)


def _labels(pairs: list[str]) -> dict[str, str] | None:
    labels = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"labels are key=value (got {pair!r})", param_hint="--label")
        labels[key] = value
    return labels or None


@app.command()
def create(
    sku: str | None = typer.Option(
        None, help="The SKU, e.g. h200-sxm-slice (see `gpuaas catalog list`)."
    ),
    gpus: int | None = typer.Option(None, min=1, help="How many GPUs (default 1)."),
    gpu: str | None = typer.Option(
        None, "--gpu", help="Shorthand instead of --sku/--gpus: 'h200:8' (cheapest SKU with room)."
    ),
    region: str | None = typer.Option(None, help="The region (default: the platform's choice)."),
    project: str | None = typer.Option(None, help="The project (default: yours)."),
    ssh_key: list[str] = typer.Option(
        [], "--ssh-key", help="An SSH key id to install (repeat for several)."
    ),
    label: list[str] = typer.Option(
        [], "--label", help="A label key=value, to find it later (repeat for several)."
    ),
    lease: int | None = typer.Option(
        None, "--lease", min=1, help="Seconds of lease: released unless renewed (see docs)."
    ),
    max_runtime: int | None = typer.Option(
        None, "--max-runtime", min=1, help="Seconds it may stay active, then it is released."
    ),
    quote: str | None = typer.Option(None, "--quote", help="Charge this quote's price."),
    max_price: int | None = typer.Option(
        None, "--max-price", min=0, help="Refuse rather than pay more per GPU-hour (minor units)."
    ),
    wait: bool = typer.Option(False, "--wait", help="Wait until it is active."),
    ready: str | None = typer.Option(
        None,
        "--ready",
        help="With 'ssh': wait until it is active and its SSH port answers (implies --wait).",
    ),
    timeout: float = TIMEOUT,
) -> None:
    """Allocate GPUs; with --wait, return once they are usable (exit 3 on timeout).

    A lease given here lasts only while this command runs: use it with --wait or
    --ready to bound what a killed script can leak.
    """
    if ready not in (None, "ssh", "active"):
        raise typer.BadParameter("--ready takes 'ssh' (or 'active', the same as --wait)")
    if gpu is None and sku is None:
        raise typer.BadParameter("say what to allocate: --sku (with --gpus) or --gpu 'h200:8'")
    session = current()
    client = session.client()
    allocation = client.allocations.create(
        sku=sku,
        gpus_total=gpus if gpus is not None or gpu is not None else 1,
        gpu=gpu,
        region_code=region,
        project_id=project,
        ssh_key_ids=ssh_key or None,
        labels=_labels(label),
        lease_seconds=lease,
        max_runtime_seconds=max_runtime,
        quote_id=quote,
        max_price_per_gpu_hour_minor=max_price,
    )
    if ready == "ssh":
        _say(f"created {allocation.id}; waiting until its SSH port answers")
        allocation.wait_until_ready(ssh=True, timeout=timeout, progress=wait_states())
    elif wait or ready == "active":
        _say(f"created {allocation.id}; waiting until it is active")
        allocation.wait(("active",), timeout=timeout, progress=wait_states())
    show(to_data(allocation), ALLOCATION)


@app.command()
def wait(
    allocation_id: str = typer.Argument(..., metavar="ID"),
    state: str = typer.Option("active", help="The state to wait for."),
    ssh: bool = typer.Option(False, "--ssh", help="Also wait until its SSH port answers."),
    timeout: float = TIMEOUT,
) -> None:
    """Wait until an allocation reaches a state (exit 3 on timeout, 7 if it fails first)."""
    allocation = current().client().allocations.get(allocation_id)
    if ssh:
        allocation.wait_until_ready(ssh=True, timeout=timeout, progress=wait_states())
    else:
        allocation.wait((state,), timeout=timeout, progress=wait_states())
    show(to_data(allocation), ALLOCATION)


@app.command()
def release(
    allocation_id: str | None = typer.Argument(None, metavar="[ID]"),
    all_mine: bool = typer.Option(
        False, "--all-mine", help="Every live allocation you created (pending, active, ...)."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="With --all-mine: list what would be released."
    ),
) -> None:
    """Give GPUs back: one allocation, or all of yours (billing stops once released)."""
    if (allocation_id is None) == (not all_mine):
        raise typer.BadParameter("give an allocation ID or --all-mine (not both)")
    client = current().client()
    if allocation_id is not None:
        show(to_data(client.allocations.release(allocation_id)), ALLOCATION)
        return
    me = client.auth.whoami().principal_id
    if dry_run:
        show(to_data(list(client.allocations.list(status=LIVE_STATES, created_by=me))), ALLOCATIONS)
        return
    show(to_data(client.allocations.release_all(created_by=me)), ALLOCATIONS)


@app.command("ssh")
def ssh_(
    allocation_id: str = typer.Argument(..., metavar="ID"),
    command: list[str] = typer.Argument(
        None, help="A command to run there (after --), instead of a shell."
    ),
    identity_file: str | None = typer.Option(
        None, "--identity-file", "-i", help="The private key to use."
    ),
    print_only: bool = typer.Option(
        False, "--print", help="Print the ssh command line instead of running it."
    ),
) -> None:
    """Open an SSH session on an active allocation (runs the system's ssh in this process)."""
    line = current().client().allocations.ssh_command(allocation_id, identity_file=identity_file)
    argv = [*shlex.split(line), *(command or [])]
    if print_only:
        show({"command": shlex.join(argv), "argv": argv}, lambda d: [d["command"]])
        return
    program = shutil.which(argv[0])
    if program is None:
        raise CommandError(
            f"{argv[0]} is not on PATH: install OpenSSH, or use `gpuaas allocations connect "
            f"{allocation_id}` (the platform's terminal)",
            USAGE,
            code="ssh_not_found",
        )
    current().close()
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(program, argv)  # noqa: S606  (becoming ssh, as a command-line tool does)


@app.command()
def connect(
    allocation_id: str = typer.Argument(..., metavar="ID"),
    here: bool = typer.Option(
        False, "--here", help="The shell in this terminal instead of the browser page."
    ),
) -> None:
    """Open the allocation's shell through the platform's terminal (no SSH needed).

    By default the browser terminal page opens (its link goes to stderr where no browser
    can open). With --here the shell runs in this terminal and the exit code is the
    shell's; with stdin a pipe, its lines are typed into the shell, then Ctrl-D.
    """
    client = current().client()
    if not here:
        client.allocations.connect(allocation_id, mode="terminal")
        return
    from .terminal import attach

    raise typer.Exit(attach(client, allocation_id))


@app.command()
def logs(
    allocation_id: str = typer.Argument(..., metavar="ID"),
    follow: bool = typer.Option(False, "--follow", "-f", help="Go on with new lines."),
    tail: int | None = typer.Option(None, "--tail", min=1, help="Only the last N lines."),
) -> None:
    """An allocation's boot and provisioning log; -f follows it until it is released."""
    lines = current().client().allocations.logs(allocation_id, follow=follow, tail=tail)
    for line in lines:  # JSON: one object a line, a stream a script reads as it comes
        show_item(to_data(line), lambda d: f"{d['occurred_at'][11:19]} {d['line']}")


def _say(text: str) -> None:
    if not current().for_scripts:
        print(text, file=sys.stderr, flush=True)
