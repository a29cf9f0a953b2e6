"""docs/plugins.md's tutorial, followed literally in a fresh virtual environment: the files it
shows are written as shown, installed with pip, and the installed plugin changes a check."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from conftest import ROOT

DOC = (ROOT / "docs" / "plugins.md").read_text()


def block_after(marker: str) -> str:
    start = DOC.index(marker)
    match = re.search(r"```(?:python|toml)\n(.*?)```", DOC[start:], re.S)
    assert match, marker
    return "\n".join(line[3:] if line.startswith("   ") else line for line in match.group(1).splitlines()) + "\n"


def test_tutorial_works_when_followed_literally(tmp_path):
    project = tmp_path / "secordoc-company"
    (project / "src" / "secordoc_company").mkdir(parents=True)
    (project / "src" / "secordoc_company" / "__init__.py").write_text(block_after("`src/secordoc_company/__init__.py`"))
    (project / "pyproject.toml").write_text(block_after("2. `pyproject.toml`"))
    (project / "test_company.py").write_text(block_after("4. Test it with"))
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "--no-deps"]
    subprocess.run([*pip, str(ROOT)], check=True, timeout=300)
    subprocess.run([*pip, str(project)], check=True, timeout=300)
    # The running environment's packages stand in for PyPI for secordoc's own dependencies; they
    # are made visible only after the installs, so that builds stay isolated as pip makes them.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "suite-deps.pth").write_text(f"import site; site.addsitedir({sysconfig.get_paths()['purelib']!r})\n")
    listed = subprocess.run([str(env / "bin" / "secordoc"), "plugins"], capture_output=True, text=True, timeout=120)
    assert "company 1.0.0" in listed.stdout, listed.stdout + listed.stderr
    done = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(project / "test_company.py")],
                          capture_output=True, text=True, timeout=300, cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    # the plugin and the typed-API example, checked against the installed secordoc (py.typed)
    (project / "typed_example.py").write_text(block_after("A validator typed against the API"))
    typed = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-executable", str(python),
                            "--cache-dir", str(tmp_path / "mypy-cache"), "src", "typed_example.py"],
                           capture_output=True, text=True, timeout=300, cwd=project)
    assert typed.returncode == 0, typed.stdout + typed.stderr
    untouched = subprocess.run([sys.executable, "-c", "import secordoc_company"], capture_output=True, text=True)
    assert untouched.returncode != 0  # the plugin went into the fresh venv, not the suite's own environment
