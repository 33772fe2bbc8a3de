"""Check part of the contract while the rest is being written.

    python codegen/check_area.py apps billing

Builds a root with only the paths whose files are named (from openapi/openapi.yaml),
lints it with Redocly, bundles it and runs the pinned generator on the bundle with
--fail-on-warning, all in a temporary place. Nothing under generated/ is touched.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import BIN, CODEGEN, NODE_ENV, ROOT, redocly


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
            bundle = Path(tmp) / "bundle.yaml"
            steps = [
                redocly("lint", str(partial), "--config", str(ROOT / "redocly.yaml")),
                redocly("bundle", str(partial), "-o", str(bundle)),
                [
                    str(BIN / "openapi-python-client"), "generate", "--path", str(bundle),
                    "--meta", "none", "--output-path", str(Path(tmp) / "out"), "--overwrite",
                    "--fail-on-warning", "--config", str(CODEGEN / "config.yaml"),
                    "--custom-template-path", str(CODEGEN / "templates"),
                ],
            ]  # fmt: skip
            for step in steps:
                result = subprocess.run(
                    step, cwd=ROOT, env=NODE_ENV, capture_output=True, text=True
                )
                output = (result.stdout + result.stderr).strip()
                if result.returncode != 0:
                    print(output)
                    print(f"FAILED: {' '.join(step[:4])}")
                    return 1
            ops = sum(
                1 for p in (Path(tmp) / "out" / "api").rglob("*.py") if p.name != "__init__.py"
            )
            print(f"OK: {len(root['paths'])} paths, {ops} generated operations")
            return 0
    finally:
        partial.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
