"""Builds the Python package `provident` with the project's CMake build (pybind11 extension).

    python3 -m venv --system-site-packages .venv && .venv/bin/pip install --no-build-isolation .

Environment:
    PROVIDENT_CMAKE_BUILD_DIR  reuse an existing CMake build directory (configured for the same
                               Python version) instead of configuring build/python-wheel.
    PROVIDENT_CMAKE_ARGS       extra arguments for the CMake configure step.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))
PACKAGE_DIR = os.path.join("bindings", "python", "provident")


def project_version() -> str:
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        m = re.search(r"project\(provident\s+VERSION\s+([0-9.]+)", f.read())
    return m.group(1) if m else "0.0.0"


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build_dir = os.environ.get("PROVIDENT_CMAKE_BUILD_DIR") or os.path.join(ROOT, "build", "python-wheel")
        if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
            args = ["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
                    f"-DPython3_EXECUTABLE={sys.executable}",
                    "-DPROVIDENT_BUILD_TESTS=OFF", "-DPROVIDENT_BUILD_BENCHMARKS=OFF",
                    "-DPROVIDENT_BUILD_EXAMPLES=OFF", "-DPROVIDENT_BUILD_PYTHON=ON"]
            if shutil.which("ninja"):
                args += ["-G", "Ninja"]
            args += shlex.split(os.environ.get("PROVIDENT_CMAKE_ARGS", ""))
            subprocess.check_call(args)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "_provident", "-j", jobs])
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        built = os.path.join(build_dir, "bindings", "python", "provident", "_provident" + suffix)
        if not os.path.exists(built):
            raise RuntimeError(f"the CMake build did not produce {built} (built for another Python version?)")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built, target)


_SCRATCH = os.environ.get("PROVIDENT_CMAKE_BUILD_DIR") or os.path.join(ROOT, "build", "python-wheel")
os.makedirs(_SCRATCH, exist_ok=True)

setup(
    version=project_version(),
    packages=["provident"],
    package_dir={"provident": PACKAGE_DIR},
    package_data={"provident": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("provident._provident", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
    # Keep setuptools' scratch files out of the shared source tree.
    options={"build": {"build_base": os.path.join(_SCRATCH, "setuptools")}, "egg_info": {"egg_base": _SCRATCH}},
)
