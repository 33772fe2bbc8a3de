"""Build `gpuaas-sim` from the repository's `src/gpuaas_sim`, with the SDK's version.

The simulator's code lives beside the SDK's (`../src/gpuaas_sim`), one folder up from this
project. An sdist built here carries it as `src/gpuaas_sim`, so a wheel built from the
unpacked sdist finds it there instead. The version is the SDK's: `src/gpuaas_sdk/_version.py`
in the repository, `PKG-INFO` in an unpacked sdist. The simulator requires `gpuaas-sdk` of
that very version: its generated layer carries the contract the simulator serves and its
error catalog, so the two always agree.
"""

from __future__ import annotations

import re
from email.parser import HeaderParser
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.metadata.plugin.interface import MetadataHookInterface

PACKAGE = "gpuaas_sim"
VERSION_FILE = Path("src", "gpuaas_sdk", "_version.py")


def sources(root: Path) -> Path:
    """The folder holding `src/gpuaas_sim`: this project's in an unpacked sdist, else the
    repository's."""
    for base in (root, root.parent):
        if (base / "src" / PACKAGE / "__init__.py").is_file():
            return base
    raise FileNotFoundError(f"src/{PACKAGE} is neither in {root} nor in {root.parent}")


def version(root: Path) -> str:
    pkg_info = root / "PKG-INFO"
    if pkg_info.is_file():  # an unpacked sdist
        return str(HeaderParser().parsestr(pkg_info.read_text(encoding="utf-8"))["Version"])
    text = (root.parent / VERSION_FILE).read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise ValueError(f'no __version__ = "..." line in {root.parent / VERSION_FILE}')
    return found.group(1)


class SimMetadataHook(MetadataHookInterface):
    """The SDK's version, and `gpuaas-sdk` of that version among the dependencies."""

    def update(self, metadata: dict[str, Any]) -> None:
        metadata["version"] = version(Path(self.root))
        metadata["dependencies"] = [
            f"gpuaas-sdk=={metadata['version']}",
            *self.config.get("dependencies", []),
        ]


class SimBuildHook(BuildHookInterface):
    """In the repository, the package from ../src: into the wheel as `gpuaas_sim/`, into the
    sdist as `src/gpuaas_sim/` (where a wheel built from the unpacked sdist finds it).

    Forced inclusion ignores .gitignore on purpose: the terminal page's xterm.js, bundled
    by `make setup` and not committed, ships with it. Bytecode caches never do.
    """

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        if version == "editable" or sources(root) == root:
            return  # dev-mode-dirs puts ../src on the path; an sdist has the package in src/
        target = PACKAGE if self.target_name == "wheel" else f"src/{PACKAGE}"
        build_data["force_include"][str(root.parent / "src" / PACKAGE)] = target
