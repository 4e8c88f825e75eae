#!/usr/bin/env python3
"""Set up and run checker on a fresh machine with nothing but Python 3.11+.

    python3 dev.py audit [ARGS...]          # audit the embedded demo corpus -> reports/
    python3 dev.py test  [ARGS...]          # run the test suite
    python3 dev.py run   ARGS...            # run any checker command inside the project's venv
    python3 dev.py bench SCRIPT [ARGS...]   # run benchmarks/SCRIPT with the baselines installed

The first call makes `.venv/` and installs the project with what that command needs: `audit` and
`run` only checker's own dependencies, `test` also the `test` extra, `bench` also the `bench`
extra (the baselines the benchmarks compare against). Later calls install again only when
pyproject.toml changed or a command needs an extra not installed yet. Only the standard library
is used here.
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
EXTRAS = {"audit": (), "run": (), "test": ("test",), "bench": ("bench",)}


def _say(message: str) -> None:
    print(f"[dev] {message}", file=sys.stderr, flush=True)


def _stamp() -> tuple[str, set[str]]:
    """The pyproject.toml digest and the extras of the last install ("<sha256> extra extra ...")."""
    if not (PY.exists() and STAMP.exists()):
        return "", set()
    digest, *extras = STAMP.read_text().split() or [""]
    return digest, set(extras)


def ensure_venv(extras: tuple[str, ...] = ()) -> None:
    if sys.version_info < (3, 11):
        sys.exit("checker needs Python 3.11 or newer")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    recorded, installed = _stamp()
    if recorded == digest and set(extras) <= installed:
        return
    if not PY.exists():
        _say(f"creating {VENV.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    # Keep what an earlier command installed, so `test` after `bench` does not drop the baselines.
    wanted = sorted(installed | set(extras))
    _say(f"installing checker{' with its ' + ' and '.join(wanted) + ' extras' if wanted else ''}"
         f"{' (first run only)' if not recorded else ''}")
    pip = [str(PY), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "-e", f"{ROOT}[{','.join(wanted)}]" if wanted else str(ROOT)], check=True)
    STAMP.write_text(" ".join([digest, *wanted]) + "\n")


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
    if not argv or argv[0] not in EXTRAS or (argv[0] == "bench" and len(argv) < 2):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_venv(EXTRAS[command])
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "False"}
    if command == "test":
        ensure_browser()
        return subprocess.run([str(PY), "-m", "pytest", *rest], cwd=ROOT, env=env).returncode
    if command == "bench":
        script = Path(rest[0]) if Path(rest[0]).exists() else ROOT / "benchmarks" / rest[0]
        return subprocess.run([str(PY), str(script), *rest[1:]], cwd=ROOT, env=env).returncode
    if command == "audit":
        return subprocess.run([str(BIN / "checker"), "audit", *rest], cwd=ROOT, env=env).returncode
    return subprocess.run([str(BIN / "checker"), *rest], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
