"""What a command prints on stdout: a table for a person, JSON or YAML for a script.

Every command hands its result here as data (the API's JSON objects, from the models'
`to_dict()`), with a view for the table form: `Columns` for lists and records, or a
function writing lines of text. JSON and YAML print the data itself, one document per
command; streams (`events tail`, `apps logs -f`) print one JSON object per line.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .session import current, stdout_is_terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

Data = Any
"""JSON-compatible data: dicts, lists, strings, numbers, booleans, None."""

Cell = str | Callable[[Mapping[str, Any]], object]
"""A column's value: the key in the record (dots for nested keys), or a function of it."""


@dataclass(frozen=True)
class Columns:
    """The table form of records: (header, cell) pairs, in order."""

    columns: Sequence[tuple[str, Cell]]

    def row(self, record: Mapping[str, Any]) -> list[str]:
        return [_text(_cell(record, cell)) for _, cell in self.columns]


View = Columns | Callable[[Data], Iterable[str]] | None


def to_data(value: object) -> Data:
    """A model, a list of models or plain values as JSON-compatible data."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_data(to_dict())
    if isinstance(value, Mapping):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, enum.Enum):
        return to_data(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def money(minor: object, currency: object) -> str:
    """`1234, "USD"` -> `12.34 USD` (every currency of the platform has two decimals)."""
    if not isinstance(minor, int):
        return ""
    return f"{minor / 100:,.2f} {currency or ''}".rstrip()


def size(count: object) -> str:
    """Bytes for a person: `3.0 MiB`."""
    if not isinstance(count, int):
        return ""
    amount = float(count)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if amount < 1024 or unit == "TiB":
            return f"{count} B" if unit == "B" else f"{amount:.1f} {unit}"
        amount /= 1024
    raise AssertionError("unreachable")


def show(data: Data, view: View = None) -> None:
    """Print a command's result in the run's output format."""
    output = current().output
    if output == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif output == "yaml":
        print(_yaml(data), end="")
    elif isinstance(view, Columns):
        _table(data, view)
    elif view is not None:
        for line in view(data):
            print(line)
    else:
        _table(data, Columns([(key.upper(), key) for key in _keys(data)]))


def show_item(data: Data, line: Callable[[Data], str]) -> None:
    """One item of a stream: a JSON object per line for scripts, else a line of text."""
    output = current().output
    if output == "json":
        print(json.dumps(data, ensure_ascii=False), flush=True)
    elif output == "yaml":
        print("---\n" + _yaml(data), end="", flush=True)
    else:
        print(line(data), flush=True)


def say(text: str) -> None:
    """A remark for a person (on stderr, so stdout stays the result)."""
    print(text, file=sys.stderr, flush=True)


def _yaml(data: Data) -> str:
    import yaml

    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def _table(data: Data, view: Columns) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=sys.stdout,
        width=None if stdout_is_terminal() else 4000,  # a pipe gets whole lines
        highlight=False,
    )
    if isinstance(data, Mapping):  # one record: a field per line
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold")
        table.add_column(overflow="fold")
        for header, cell in view.columns:
            table.add_row(Text(header), Text(_text(_cell(data, cell))))
        _print(console, table)
        return
    records = list(data)
    if not records:
        print("(none)")
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for header, _ in view.columns:
        table.add_column(header, overflow="fold")
    for record in records:
        table.add_row(*(Text(cell) for cell in view.row(record)))
    _print(console, table)


def _print(console: Console, table: Table) -> None:
    """The table's lines without the padding rich leaves at their ends."""
    with console.capture() as captured:
        console.print(table)
    for line in captured.get().splitlines():
        print(line.rstrip())


def _keys(data: Data) -> list[str]:
    """A record shows every field; a list, the plain fields of its first item."""
    if isinstance(data, Mapping):
        return list(data)
    first: Mapping[str, Any] = next(iter(data), {})
    return [k for k, v in first.items() if not isinstance(v, Mapping | list)]


def _cell(record: Mapping[str, Any], cell: Cell) -> object:
    if callable(cell):
        return cell(record)
    value: object = record
    for part in cell.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _text(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value) or "-"
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
