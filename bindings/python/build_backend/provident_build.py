"""The build backend of the Python package ``provident`` (PEP 517), standard library only.

``pip install .`` and ``scripts/wheel`` both come here: the project's CMake build makes the
extension module ``_provident`` and the CLI ``provident``, and this module packs them with the
package's Python files into a wheel (PEP 427: zipfile plus the ``.dist-info`` files METADATA,
WHEEL, entry_points.txt and RECORD). Nothing is downloaded: the backend needs no setuptools, no
wheel package and no PyPI, so ``pip install .`` works offline without special flags (pyproject.toml
``[build-system] requires = []``).

The metadata comes from pyproject.toml's ``[project]`` table (read with tomllib, Python ≥ 3.11,
or from the fallback reader below on older interpreters), the version from CMakeLists.txt.

Environment (pip and scripts/wheel alike):
    PROVIDENT_CMAKE_BUILD_DIR  use this CMake build directory (built for the interpreter that runs
                               pip) instead of configuring build/python-wheel.
    PROVIDENT_CMAKE_ARGS       extra arguments for the CMake configure step.
    CMAKE_BUILD_PARALLEL_LEVEL jobs for the build (default 2).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import sysconfig
import zipfile
from typing import Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
NAME = "provident"
# Where the build assembles the importable package (bindings/python/CMakeLists.txt).
PACKAGE_SUBDIR = os.path.join("bindings", "python", NAME)
CLI_NAME = "provident"
# The CLI inside the package; the console command `provident` runs it (provident/_cli.py).
BUNDLED_CLI = "_bin/provident"
# Files of the package directory that go into the wheel.
PACKAGE_FILE = re.compile(r"^(.*\.py|.*\.pyi|py\.typed|_provident\..*\.so)$")


# ------------------------------------------------------------------ project data

def project_version() -> str:
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        m = re.search(r"project\(provident\s+VERSION\s+([0-9.]+)", f.read())
    if not m:
        raise RuntimeError("CMakeLists.txt: no project(provident VERSION …)")
    return m.group(1)


def read_pyproject() -> dict:
    path = os.path.join(ROOT, "pyproject.toml")
    try:
        import tomllib
    except ImportError:  # Python < 3.11: pip's vendored reader
        from pip._vendor import tomli as tomllib  # type: ignore
    with open(path, "rb") as f:
        return tomllib.load(f)


def core_metadata(project: dict, version: str) -> str:
    """METADATA (core metadata 2.1) from pyproject.toml's [project] table."""
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {version}",
             f"Summary: {project['description']}"]
    licence = project.get("license", {})
    if "text" in licence:
        lines.append(f"License: {licence['text']}")
    lines += [f"Project-URL: {label}, {url}" for label, url in project.get("urls", {}).items()]
    lines += [f"Classifier: {c}" for c in project.get("classifiers", [])]
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {d}" for d in project.get("dependencies", [])]
    for extra, deps in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {d}; extra == "{extra}"' for d in deps]
    readme = project.get("readme")
    body = ""
    if readme:
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(ROOT, readme), encoding="utf-8") as f:
            body = f.read()
    return "\n".join(lines) + "\n\n" + body


def entry_points(project: dict) -> str:
    scripts = project.get("scripts", {})
    if not scripts:
        return ""
    return "[console_scripts]\n" + "".join(f"{name} = {target}\n" for name, target in scripts.items())


def wheel_tag() -> str:
    """cpXY-cpXY-<platform>: the extension is built for this interpreter and this platform only."""
    impl = f"cp{sys.version_info.major}{sys.version_info.minor}"
    abi = impl + (getattr(sys, "abiflags", "") or "")
    platform = re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())
    return f"{impl}-{abi}-{platform}"


# ------------------------------------------------------------------ the CMake build

def default_build_dir() -> str:
    return os.environ.get("PROVIDENT_CMAKE_BUILD_DIR") or os.path.join(ROOT, "build", "python-wheel")


def cmake_build(build_dir: str, configure: Optional[List[str]] = None) -> None:
    """Configures build_dir (unless it is configured) and builds the module and the CLI in it."""
    if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
        args = configure or ["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
                             f"-DPython3_EXECUTABLE={sys.executable}", "-DPROVIDENT_BUILD_TESTS=OFF",
                             "-DPROVIDENT_BUILD_BENCHMARKS=OFF", "-DPROVIDENT_BUILD_EXAMPLES=OFF",
                             "-DPROVIDENT_BUILD_PYTHON=ON"]
        if not configure and shutil.which("ninja"):
            args += ["-G", "Ninja"]
        args += shlex.split(os.environ.get("PROVIDENT_CMAKE_ARGS", ""))
        subprocess.check_call(args, stdout=sys.stderr)
    jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
    subprocess.check_call(["cmake", "--build", build_dir, "--target", "_provident", "provident_cli", "-j", jobs],
                          stdout=sys.stderr)


def built_files(build_dir: str, with_cli: bool = True) -> Dict[str, str]:
    """{path in the wheel: file in the build}: the package's files and, with_cli, the CLI."""
    package = os.path.join(build_dir, PACKAGE_SUBDIR)
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    module = os.path.join(package, "_provident" + suffix)
    if not os.path.exists(module):
        raise RuntimeError(f"{module} is missing: is {build_dir} built for this Python "
                           f"({sys.executable}, {suffix})?")
    files = {f"{NAME}/{f}": os.path.join(package, f) for f in sorted(os.listdir(package))
             if PACKAGE_FILE.match(f) and (not f.endswith(".so") or f.endswith(suffix))}
    if with_cli:
        cli = os.path.join(build_dir, CLI_NAME)
        if not os.path.exists(cli):
            raise RuntimeError(f"{cli} is missing: build the target provident_cli")
        files[f"{NAME}/{BUNDLED_CLI}"] = cli
    return files


# ------------------------------------------------------------------ the wheel

def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _native(path: str) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def _payload(path: str, strip: bool) -> bytes:
    """The file's bytes; native files without their debug information when `strip` (and strip exists)."""
    if strip and _native(path) and shutil.which("strip"):
        tmp = path + ".wheel-stripped"
        try:
            subprocess.check_call(["strip", "--strip-debug", "-o", tmp, path])
            with open(tmp, "rb") as f:
                return f.read()
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    with open(path, "rb") as f:
        return f.read()


def _add(zf: zipfile.ZipFile, record: List[Tuple[str, str, int]], name: str, data: bytes, executable: bool) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # reproducible: no build times
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
    zf.writestr(info, data)
    record.append((name, _digest(data), len(data)))


def pack_wheel(files: Dict[str, str], out_dir: str, strip: bool = True) -> str:
    """Writes the wheel of `files` ({path in the wheel: file}) into out_dir; returns its path."""
    project = read_pyproject()["project"]
    version = project_version()
    tag = wheel_tag()
    dist_info = f"{NAME}-{version}.dist-info"
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"{NAME}-{version}-{tag}.whl")
    meta: Dict[str, bytes] = {
        "METADATA": core_metadata(project, version).encode(),
        "WHEEL": ("Wheel-Version: 1.0\nGenerator: provident_build (bindings/python/build_backend)\n"
                  f"Root-Is-Purelib: false\nTag: {tag}\n").encode(),
        "top_level.txt": f"{NAME}\n".encode(),
    }
    if entry_points(project):
        meta["entry_points.txt"] = entry_points(project).encode()
    with open(os.path.join(ROOT, "LICENSE"), "rb") as f:  # the licence's text travels with the wheel
        meta["LICENSE"] = f.read()
    record: List[Tuple[str, str, int]] = []
    with zipfile.ZipFile(path, "w") as zf:
        for name, src in sorted(files.items()):
            _add(zf, record, name, _payload(src, strip), os.access(src, os.X_OK) and _native(src))
        for name, data in meta.items():
            _add(zf, record, f"{dist_info}/{name}", data, False)
        rows = "".join(f"{n},{h},{s}\n" for n, h, s in record) + f"{dist_info}/RECORD,,\n"
        _add(zf, [], f"{dist_info}/RECORD", rows.encode(), False)
    return path


# ------------------------------------------------------------------ PEP 517 hooks

def get_requires_for_build_wheel(config_settings=None) -> List[str]:
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None) -> str:
    build_dir = default_build_dir()
    cmake_build(build_dir)
    return os.path.basename(pack_wheel(built_files(build_dir), wheel_directory))


def build_sdist(sdist_directory, config_settings=None) -> str:
    raise RuntimeError("provident has no source distribution: install from the source tree (pip install .) "
                       "or build a wheel with scripts/wheel")
