"""Check part of the contract while the rest is being written.

    python codegen/check_area.py apps billing

Builds a root with only the paths whose files are named (from openapi/openapi.yaml)
and runs the whole pipeline of `make generate` on it in a temporary folder: Redocly
lint, bundle, contract checks, the generator with --fail-on-warning, ruff.
Nothing under generated/ is touched.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ROOT, ContractError, generate_into


def main(areas: list[str]) -> int:
    root = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())
    wanted = {f"paths/{a}.yaml" for a in areas}
    written: dict[str, dict[str, object]] = {}
    for file in wanted:
        path_file = ROOT / "openapi" / file
        text = path_file.read_text() if path_file.exists() else ""
        written[file] = yaml.safe_load(text) or {}
    root["paths"] = {
        path: item
        for path, item in root["paths"].items()
        if (ref := item["$ref"].split("#/"))[0] in wanted and ref[1] in written[ref[0]]
    }
    used_tags = set()
    for item in root["paths"].values():
        file, key = item["$ref"].split("#/")
        for op in written[file][key].values():  # type: ignore[attr-defined]
            if isinstance(op, dict) and "tags" in op:
                used_tags.update(op["tags"])
    root["tags"] = [t for t in root["tags"] if t["name"] in used_tags]
    partial = ROOT / "openapi" / f".partial-{'-'.join(areas)}.yaml"
    partial.write_text(yaml.safe_dump(root, sort_keys=False))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                package = generate_into(Path(tmp), root=partial)
            except ContractError as exc:
                print(f"FAILED: contract check: {exc}")
                return 1
            ops = sum(1 for p in (package / "api").rglob("*.py") if p.name != "__init__.py")
            builders = (package / "streaming.py").read_text().count("\ndef ")
            print(
                f"OK: {len(root['paths'])} paths, {ops} generated operations, {builders} streaming"
            )
            return 0
    finally:
        partial.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
