#!/usr/bin/env python3
"""Set up and run checker on a fresh machine with nothing but Python 3.11+.

    python3 dev.py audit [ARGS...]          # audit the embedded demo corpus -> reports/
    python3 dev.py test  [ARGS...]          # run the test suite
    python3 dev.py run   ARGS...            # run any checker command inside the project's venv
    python3 dev.py bench SCRIPT [ARGS...]   # run benchmarks/SCRIPT with the baselines installed
    python3 dev.py spark-test [ARGS...]     # the Spark engine's tests, in .venv-spark (pyspark, Java 17)

The first call makes `.venv/` and installs the project with what that command needs: `audit` and
`run` only checker's own dependencies, `test` also the `test` extra, `bench` also the `bench`
extra (the baselines the benchmarks compare against). Later calls install again only when
pyproject.toml changed or a command needs an extra not installed yet. `spark-test` keeps a venv of its
own, `.venv-spark/`, with the `spark` extra: with pyspark installed, Great Expectations imports it at
every start-up, so it stays out of `.venv/`; it installs Debian's Java 17 when no `java` is on PATH
(as root with apt). Only the standard library is used here.
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
EXTRAS = {"audit": (), "run": (), "test": ("test",), "bench": ("bench",), "spark-test": ("spark", "test")}
SPARK_VENV = ROOT / ".venv-spark"
SPARK_TESTS = ["tests/test_spark.py", "tests/test_spark_handoff.py", "tests/test_doctable.py"]


def _say(message: str) -> None:
    print(f"[dev] {message}", file=sys.stderr, flush=True)


def _python(folder: Path) -> Path:
    return folder / ("Scripts" if os.name == "nt" else "bin") / ("python.exe" if os.name == "nt" else "python")


def _stamp(folder: Path) -> tuple[str, set[str]]:
    """The pyproject.toml digest and the extras of the last install ("<sha256> extra extra ...")."""
    stamp = folder / STAMP.name
    if not (_python(folder).exists() and stamp.exists()):
        return "", set()
    digest, *extras = stamp.read_text().split() or [""]
    return digest, set(extras)


def ensure_venv(extras: tuple[str, ...] = (), folder: Path = VENV) -> None:
    if sys.version_info < (3, 11):
        sys.exit("checker needs Python 3.11 or newer")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    recorded, installed = _stamp(folder)
    if recorded == digest and set(extras) <= installed:
        return
    if not _python(folder).exists():
        _say(f"creating {folder.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    # Keep what an earlier command installed, so `test` after `bench` does not drop the baselines.
    wanted = sorted(installed | set(extras))
    _say(f"installing checker{' with its ' + ' and '.join(wanted) + ' extras' if wanted else ''}"
         f"{' (first run only)' if not recorded else ''}")
    pip = [str(_python(folder)), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "-e", f"{ROOT}[{','.join(wanted)}]" if wanted else str(ROOT)], check=True)
    (folder / STAMP.name).write_text(" ".join([digest, *wanted]) + "\n")


def _apt_install(package: str, purpose: str) -> bool:
    """Install one of Debian's packages where we can (root with apt); False where we cannot."""
    if not (shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0):
        return False
    _say(f"installing Debian's {package} for {purpose}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=False, env=env, stdout=subprocess.DEVNULL)
    return True


def ensure_browser() -> None:
    """Install Debian's chromium for the browser test where we can (root with apt)."""
    if Path("/usr/bin/chromium").exists() or os.environ.get("CHECKER_NO_BROWSER_INSTALL"):
        return
    if not _apt_install("chromium", "the browser test"):
        _say("no /usr/bin/chromium and no way to install it: the browser test will be skipped")


def ensure_java() -> None:
    """Spark runs on Java 17: install Debian's where we can (root with apt) when no java is on PATH."""
    if shutil.which("java") or os.environ.get("JAVA_HOME"):
        return
    if not _apt_install("openjdk-17-jre-headless", "the Spark tests"):
        _say("no java on PATH and no way to install it: the Spark tests will fail to start Spark")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS or (argv[0] == "bench" and len(argv) < 2):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "False"}
    if command == "spark-test":
        ensure_venv(EXTRAS[command], SPARK_VENV)
        ensure_java()
        python = str(_python(SPARK_VENV))
        # Spark's local workers start this venv's Python (which has checker and pyspark), not the system's.
        env.update(PYSPARK_PYTHON=python, PYSPARK_DRIVER_PYTHON=python)
        # Options alone (-q, -k ...) still run the Spark tests only, not the whole suite.
        named = any(arg.startswith("tests") or ".py" in arg for arg in rest)
        return subprocess.run([python, "-m", "pytest", *(rest if named else [*SPARK_TESTS, *rest])], cwd=ROOT,
                              env=env).returncode
    ensure_venv(EXTRAS[command])
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
