"""Copy xterm.js from node_modules/ into the simulator's static files (run by `make setup`).

The browser terminal page (`gpuaas_sim/web/terminal_page.py`) runs xterm.js and its fit
addon, pinned in package.json and package-lock.json and installed by `npm ci`. This puts
the three files it loads, with their licence texts, in
`src/gpuaas_sim/static/assets/vendor/xterm/` (not committed: built wheels and sdists
include them). Source-map comments are dropped: the maps are not shipped.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules" / "@xterm"
TARGET = ROOT / "src" / "gpuaas_sim" / "static" / "assets" / "vendor" / "xterm"
FILES = {  # source under node_modules/@xterm -> name in TARGET
    "xterm/lib/xterm.js": "xterm.js",
    "xterm/css/xterm.css": "xterm.css",
    "addon-fit/lib/addon-fit.js": "addon-fit.js",
    "xterm/LICENSE": "LICENSE-xterm.txt",
    "addon-fit/LICENSE": "LICENSE-addon-fit.txt",
}
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def main() -> int:
    missing = [name for name in FILES if not (MODULES / name).is_file()]
    if missing:
        print(
            f"bundle_web: {', '.join(missing)} missing under {MODULES}: run `npm ci` "
            "(make setup does) first",
            file=sys.stderr,
        )
        return 1
    staging = TARGET.with_name(TARGET.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for source, name in FILES.items():
        text = (MODULES / source).read_text(encoding="utf-8")
        if name.endswith(".js"):
            text = _SOURCE_MAP.sub("\n", text)
        (staging / name).write_text(text, encoding="utf-8")
    shutil.rmtree(TARGET, ignore_errors=True)
    staging.rename(TARGET)  # the page sees the whole bundle or none of it
    print(f"bundle_web: xterm.js copied into {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
