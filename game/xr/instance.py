"""The OpenXR instance: finds the runtime, checks its extensions, and reports what it is.

Every "no VR here" condition surfaces as :class:`XrUnavailable` with a one-line reason, so the caller can print
that line and fall back (desktop mode, or exit status 3 in batch runs) instead of crashing. The OpenXR loader
writes its own multi-line diagnostics to stderr when it fails; they are held back while the instance is created
and shown only with ``MSEOUL_XR_VERBOSE=1``, because the contract is one line.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import xr

#: Where the loader looks for an active runtime when XR_RUNTIME_JSON is unset (OpenXR loader spec, Linux).
_ACTIVE_RUNTIME = "openxr/1/active_runtime.json"


class XrUnavailable(RuntimeError):
    """No usable OpenXR runtime or headset; ``str(exc)`` is a one-line reason for the user."""


@dataclass(frozen=True)
class RuntimeInfo:
    name: str
    version: str


def runtime_manifest_problem(env: dict[str, str] | None = None) -> str | None:
    """Why no runtime manifest can be found, or None if one looks usable. Checked before touching the loader."""
    env = dict(os.environ) if env is None else env
    manifest = env.get("XR_RUNTIME_JSON")
    if manifest:
        path = Path(manifest)
        if not path.is_file():
            return f"XR_RUNTIME_JSON={manifest} does not exist"
        try:
            json.loads(path.read_text(encoding="utf-8"))["runtime"]["library_path"]
        except (OSError, ValueError, KeyError, TypeError):
            return f"XR_RUNTIME_JSON={manifest} is not an OpenXR runtime manifest"
        return None
    config_home = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "/")) / ".config")
    dirs = [config_home, *(env.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":"), "/etc"]
    if any((Path(d) / _ACTIVE_RUNTIME).is_file() for d in dirs if d):
        return None
    return "no OpenXR runtime: XR_RUNTIME_JSON is unset and no active_runtime.json is installed"


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send native stderr (fd 2) to a temporary file for the duration; replay it when verbose."""
    if os.environ.get("MSEOUL_XR_VERBOSE") == "1":
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def required_extensions(graphics: str) -> list[str]:
    """Extensions the OpenGL path needs: KHR_opengl_enable always, MNDX_egl_enable for an EGL context."""
    names = [xr.KHR_OPENGL_ENABLE_EXTENSION_NAME]
    if graphics == "egl":
        names.append(xr.MNDX_EGL_ENABLE_EXTENSION_NAME)
    return names


class Instance:
    """Owns the ``XrInstance`` handle; ``destroy()`` is idempotent."""

    def __init__(self, app_name: str, graphics: str) -> None:
        problem = runtime_manifest_problem()
        if problem:
            raise XrUnavailable(problem)
        wanted = required_extensions(graphics)
        try:
            with _quiet_stderr():
                available = {e.extension_name.decode() for e in xr.enumerate_instance_extension_properties()}
                missing = [n.decode() if isinstance(n, bytes) else n for n in wanted]
                missing = [n for n in missing if n not in available]
                if missing:
                    raise XrUnavailable(f"the OpenXR runtime lacks {', '.join(missing)}")
                info = xr.InstanceCreateInfo(
                    application_info=xr.ApplicationInfo(
                        application_name=app_name, engine_name="Panda3D", api_version=xr.Version(1, 0, 0)
                    ),
                    enabled_extension_names=wanted,
                )
                self.handle = xr.create_instance(info)
        except xr.XrException as exc:
            detail = " ".join(str(exc).split()) or type(exc).__name__
            raise XrUnavailable(f"OpenXR runtime failed to start: {detail}") from exc
        props = xr.get_instance_properties(self.handle)
        v = xr.Version(props.runtime_version)
        self.runtime = RuntimeInfo(props.runtime_name.decode(), f"{v.major}.{v.minor}.{v.patch}")

    def destroy(self) -> None:
        if self.handle is not None:
            xr.destroy_instance(self.handle)
            self.handle = None
