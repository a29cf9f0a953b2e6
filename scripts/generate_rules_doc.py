"""Write docs/rules.md from the profiles: the built-in one and the partner plugins' (loaded from
plugins/*/src, installed or not). Run: .venv/bin/python scripts/generate_rules_doc.py [--check]"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rules.md"
PARTNER_PLUGINS = ("secordoc_nsny", "secordoc_acsa")


def render() -> str:
    """The text docs/rules.md should hold."""
    for src in sorted((ROOT / "plugins").glob("*/src")):
        if str(src) not in sys.path:
            sys.path.insert(0, str(src))
    from secordoc.plugin_manager import make_plugin_manager
    from secordoc.rules_doc import for_plugin_manager

    return for_plugin_manager(make_plugin_manager(PARTNER_PLUGINS, load_entry_points=False))


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        stale = not DOC.exists() or DOC.read_text("utf-8") != text
        print(f"{DOC} is {'stale: run scripts/generate_rules_doc.py' if stale else 'up to date'}")
        return 1 if stale else 0
    DOC.write_text(text, "utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
