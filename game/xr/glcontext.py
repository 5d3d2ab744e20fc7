"""OpenGL glue: the graphics binding for the context Panda3D made current, and the few raw GL calls needed.

OpenXR must share the app's own GL context, and Panda3D does not expose its native handles; but with Panda3D's
single-threaded pipeline its context stays current on the main thread after a frame, so the current-context
queries of EGL or GLX return exactly Panda3D's context. Headless (EGL, surfaceless) binds through Monado's
``XR_MNDX_egl_enable``; on an X display through the standard Xlib binding. Calls go through ctypes into the
vendor-neutral libOpenGL, which dispatches to whichever context is current, EGL or GLX alike.
"""

from __future__ import annotations

import ctypes
import ctypes.util

import xr

GL_FRAMEBUFFER = 0x8D40
GL_DRAW_FRAMEBUFFER = 0x8CA9
GL_COLOR_ATTACHMENT0 = 0x8CE0
GL_TEXTURE_2D = 0x0DE1
GL_RGBA = 0x1908
GL_UNSIGNED_BYTE = 0x1401
GL_TIMESTAMP = 0x8E28
GL_QUERY_RESULT = 0x8866
EGL_CONFIG_ID = 0x3028
EGL_NONE = 0x3038


def _lib(*names: str) -> ctypes.CDLL:
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    raise OSError(f"cannot load any of {names}")


class GL:
    """The handful of GL entry points used to bind swapchain images, read them back and time the GPU."""

    def __init__(self) -> None:
        lib = _lib("libOpenGL.so.0", "libGL.so.1")
        self.framebuffer_texture_2d = lib.glFramebufferTexture2D
        self.framebuffer_texture_2d.argtypes = [ctypes.c_uint] * 4 + [ctypes.c_int]
        self.read_pixels = lib.glReadPixels
        self.read_pixels.argtypes = [ctypes.c_int] * 4 + [ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p]
        self.finish = lib.glFinish
        self.gen_queries = lib.glGenQueries
        self.gen_queries.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_uint)]
        self.query_counter = lib.glQueryCounter
        self.query_counter.argtypes = [ctypes.c_uint, ctypes.c_uint]
        self.get_query_u64 = lib.glGetQueryObjectui64v
        self.get_query_u64.argtypes = [ctypes.c_uint, ctypes.c_uint, ctypes.POINTER(ctypes.c_uint64)]

    def attach_color(self, texture: int) -> None:
        """Make ``texture`` the colour target of the draw framebuffer Panda3D has bound for this eye."""
        self.framebuffer_texture_2d(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0)

    def read_rgba(self, width: int, height: int) -> bytes:
        """The bound framebuffer's pixels, bottom row first."""
        buf = ctypes.create_string_buffer(width * height * 4)
        self.read_pixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, buf)
        return buf.raw

    def timestamp_query(self) -> int:
        q = ctypes.c_uint()
        self.gen_queries(1, ctypes.byref(q))
        self.query_counter(q.value, GL_TIMESTAMP)
        return q.value

    def query_ns(self, query: int) -> int:
        out = ctypes.c_uint64()
        self.get_query_u64(query, GL_QUERY_RESULT, ctypes.byref(out))
        return out.value


def egl_binding() -> xr.GraphicsBindingEGLMNDX:
    """Binding for the current EGL context; raises RuntimeError if no EGL context is current."""
    egl = _lib("libEGL.so.1")
    for fn in (egl.eglGetCurrentDisplay, egl.eglGetCurrentContext, egl.eglGetProcAddress):
        fn.restype = ctypes.c_void_p
    egl.eglGetProcAddress.argtypes = [ctypes.c_char_p]
    egl.eglQueryContext.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    egl.eglChooseConfig.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), ctypes.c_int,
                                    ctypes.POINTER(ctypes.c_int)]  # fmt: skip
    display, context = egl.eglGetCurrentDisplay(), egl.eglGetCurrentContext()
    if not display or not context:
        raise RuntimeError("no current EGL context")
    config_id = ctypes.c_int()
    egl.eglQueryContext(display, context, EGL_CONFIG_ID, ctypes.byref(config_id))
    attribs = (ctypes.c_int * 3)(EGL_CONFIG_ID, config_id.value, EGL_NONE)
    config, count = ctypes.c_void_p(), ctypes.c_int()
    if not egl.eglChooseConfig(display, attribs, ctypes.byref(config), 1, ctypes.byref(count)) or count.value != 1:
        raise RuntimeError("cannot find the EGL config of the current context")
    types = dict(xr.GraphicsBindingEGLMNDX._fields_)
    gpa = ctypes.cast(ctypes.c_void_p(ctypes.cast(egl.eglGetProcAddress, ctypes.c_void_p).value),
                      xr.PFN_xrEglGetProcAddressMNDX)  # fmt: skip
    binding = xr.GraphicsBindingEGLMNDX(
        get_proc_address=gpa,
        display=ctypes.cast(display, types["display"]),
        config=ctypes.cast(config.value, types["config"]),
        context=ctypes.cast(context, types["context"]),
    )
    binding._keep = (egl, gpa)  # the function pointer must outlive the session
    return binding


def glx_binding() -> xr.GraphicsBindingOpenGLXlibKHR:
    """Binding for the current GLX context; raises RuntimeError if no GLX context is current."""
    glx = _lib("libGLX.so.0", "libGL.so.1")
    for fn in (glx.glXGetCurrentDisplay, glx.glXGetCurrentContext):
        fn.restype = ctypes.c_void_p
    glx.glXGetCurrentDrawable.restype = ctypes.c_ulong
    display, context, drawable = glx.glXGetCurrentDisplay(), glx.glXGetCurrentContext(), glx.glXGetCurrentDrawable()
    if not display or not context:
        raise RuntimeError("no current GLX context")
    glx.glXQueryContext.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    fb_id = ctypes.c_int()
    glx.glXQueryContext(display, context, 0x8013, ctypes.byref(fb_id))  # GLX_FBCONFIG_ID
    glx.glXChooseFBConfig.restype = ctypes.POINTER(ctypes.c_void_p)
    glx.glXChooseFBConfig.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
    attribs = (ctypes.c_int * 3)(0x8013, fb_id.value, 0)
    count = ctypes.c_int()
    screen = ctypes.c_int()
    glx.glXQueryContext(display, context, 0x800C, ctypes.byref(screen))  # GLX_SCREEN
    configs = glx.glXChooseFBConfig(display, screen.value, attribs, ctypes.byref(count))
    if not configs or count.value < 1:
        raise RuntimeError("cannot find the GLX framebuffer config of the current context")
    visual = ctypes.c_int()
    glx.glXGetFBConfigAttrib.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    glx.glXGetFBConfigAttrib(display, configs[0], 0x800B, ctypes.byref(visual))  # GLX_VISUAL_ID
    types = dict(xr.GraphicsBindingOpenGLXlibKHR._fields_)
    return xr.GraphicsBindingOpenGLXlibKHR(
        x_display=ctypes.cast(display, types["x_display"]),
        visualid=visual.value,
        glx_fbconfig=ctypes.cast(configs[0], types["glx_fbconfig"]),
        glx_drawable=drawable,
        glx_context=ctypes.cast(context, types["glx_context"]),
    )


def current_binding() -> tuple[str, ctypes.Structure]:
    """("egl" | "glx", binding) for whichever kind of context is current on this thread."""
    try:
        return "egl", egl_binding()
    except (RuntimeError, OSError):
        return "glx", glx_binding()
