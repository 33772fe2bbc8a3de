"""Write src/gpuaas_sdk/testing/_mocks.py: typed `fake_*` helpers for every operation.

    python codegen/render_mocks.py          rewrite the module
    python codegen/render_mocks.py --check  fail if it differs from a fresh rendering

`mock_client.allocations.fake_create(...)` must pass a user's `mypy --strict`, so each
helper is a real method, rendered from the operation table (`gpuaas_api.operations`),
the fake names of `gpuaas_sdk.testing._naming` and the facade's resource classes.
Run it after `make generate` when operations change; `tests/unit` fails while it is stale.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "gpuaas_sdk" / "testing" / "_mocks.py"
TEMPLATE = "mocks.py.jinja"


@dataclass
class Helper:
    name: str
    aliases: list[str]
    kind: str  # "list", "body" or "empty"
    operation_id: str
    method: str
    path: str


@dataclass
class Node:
    path: str
    sync: type
    async_: type
    helpers: list[Helper] = field(default_factory=list)
    children: list[tuple[str, Node]] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.sync.__name__.removesuffix("Resource")


def _kind(op: Any) -> str:
    from gpuaas_sdk.testing import _examples

    if op.paginated:
        return "list"
    return "empty" if _examples.success_schema(op)[1] is None else "body"


def helpers_of(path: str) -> list[Helper]:
    """One helper per operation, under its short name, with its other names as aliases."""
    from gpuaas_sdk.testing import _naming

    names = _naming.operations_of(path)
    helpers = []
    for op in dict.fromkeys(names.values()):
        snake_names = [n for n, o in names.items() if o is op and n == n.lower()]
        short = _naming.short_name(op)
        primary = short if names.get(short) is op else _naming.snake(op.operation_id)
        aliases = sorted(n for n in snake_names if n != primary)
        helpers.append(Helper(primary, aliases, _kind(op), op.operation_id, op.method, op.path))
    return helpers


def tree() -> list[Node]:
    """The resources that have fakes, as the client nests them."""
    from gpuaas_sdk import AsyncClient, Client
    from gpuaas_sdk.testing import _naming

    sync_client = Client("https://render.invalid", auth="render")
    async_client = AsyncClient("https://render.invalid", auth="render")
    nodes: dict[str, Node] = {}
    for path in sorted(_naming.resources(), key=lambda p: (p.count("."), p)):
        sync: Any = sync_client
        async_: Any = async_client
        for part in path.split("."):
            sync, async_ = getattr(sync, part), getattr(async_, part)
        node = Node(path, type(sync), type(async_), helpers_of(path))
        parent = path.rpartition(".")[0]
        if parent:
            nodes[parent].children.append((path.rpartition(".")[2], node))
        nodes[path] = node
    sync_client.close()
    return [node for path, node in nodes.items() if "." not in path and _has_fakes(node)]


def _has_fakes(node: Node) -> bool:
    return bool(node.helpers) or any(_has_fakes(child) for _, child in node.children)


def _walk(nodes: list[Node]) -> list[Node]:
    """Children before their parents (a class must exist before it is named in another)."""
    ordered = []
    for node in nodes:
        ordered += _walk([child for _, child in node.children if _has_fakes(child)])
        ordered.append(node)
    return ordered


def render() -> str:
    env = jinja2.Environment(  # renders Python source, not HTML: no autoescaping
        loader=jinja2.FileSystemLoader(ROOT / "codegen" / "extra_templates"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    top = tree()
    nodes = _walk(top)
    imports: dict[str, set[str]] = {}
    for node in nodes:
        for cls in (node.sync, node.async_):
            imports.setdefault(cls.__module__.removeprefix("gpuaas_sdk"), set()).add(cls.__name__)
    source = env.get_template(TEMPLATE).render(
        nodes=nodes,
        top=top,
        imports={module: sorted(names) for module, names in sorted(imports.items())},
        has_fakes=_has_fakes,
    )
    return _formatted(source)


def _formatted(source: str) -> str:
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), "format", "--stdin-filename", str(TARGET), "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"render_mocks: ruff format failed:\n{result.stderr}")
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the module is stale")
    args = parser.parse_args()
    fresh = render()
    if args.check:
        if TARGET.read_text() != fresh:
            print(f"{TARGET.relative_to(ROOT)} is stale: run python codegen/render_mocks.py")
            return 1
        return 0
    TARGET.write_text(fresh)
    print(f"render_mocks: wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
