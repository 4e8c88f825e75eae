#!/usr/bin/env python3
"""Set up and run checker on a fresh machine with nothing but Python 3.11+.

    python3 dev.py audit [ARGS...]   # audit the embedded demo corpus -> reports/
    python3 dev.py test  [ARGS...]   # run the test suite
    python3 dev.py run   ARGS...     # run any checker command inside the project's venv

The first call makes `.venv/` and installs the project with its test extras; later calls
re-install only when pyproject.toml changed. Only the standard library is used here.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".checker-installed"


def _say(message: str) -> None:
    print(f"[dev] {message}", file=sys.stderr, flush=True)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("checker needs Python 3.11 or newer")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PY.exists():
        _say(f"creating {VENV.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    _say("installing checker and its test dependencies (first run only)")
    pip = [str(PY), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "-e", f"{ROOT}[test,bench]"], check=True)
    STAMP.write_text(wanted)


def ensure_browser() -> None:
    """Install Debian's chromium for the browser test where we can (root with apt)."""
    if Path("/usr/bin/chromium").exists() or os.environ.get("CHECKER_NO_BROWSER_INSTALL"):
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        _say("installing Debian's chromium for the browser test")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env,
                       stdout=subprocess.DEVNULL)
    else:
        _say("no /usr/bin/chromium and no way to install it: the browser test will be skipped")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"audit", "test", "run"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_venv()
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "False"}
    if command == "test":
        ensure_browser()
        return subprocess.run([str(PY), "-m", "pytest", *rest], cwd=ROOT, env=env).returncode
    if command == "audit":
        return subprocess.run([str(BIN / "checker"), "audit", *rest], cwd=ROOT, env=env).returncode
    return subprocess.run([str(BIN / "checker"), *rest], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
