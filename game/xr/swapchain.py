"""One OpenXR swapchain per eye: a ring of GL textures the runtime owns and the app renders into."""

from __future__ import annotations

import xr

from game.xr.session import Session

GL_SRGB8_ALPHA8 = 0x8C43
GL_RGBA8 = 0x8058
FORMAT_NAMES = {GL_SRGB8_ALPHA8: "GL_SRGB8_ALPHA8", GL_RGBA8: "GL_RGBA8"}


def choose_format(available: list[int]) -> int:
    """sRGB with alpha first: the compositor then treats pixels as sRGB-encoded, which is what the eye buffers
    hold (they render with GL_FRAMEBUFFER_SRGB); plain RGBA8 is the fallback. GL_SRGB8 without alpha is never
    asked for because runtimes (Monado among them) reject it."""
    for fmt in (GL_SRGB8_ALPHA8, GL_RGBA8):
        if fmt in available:
            return fmt
    raise ValueError(f"runtime offers no 8-bit RGBA swapchain format (has {[hex(f) for f in available]})")


class Swapchain:
    """A colour swapchain; ``acquire()`` returns the GL texture name to draw into until ``release()``."""

    def __init__(self, session: Session, width: int, height: int, fmt: int) -> None:
        self.width, self.height, self.format = width, height, fmt
        info = xr.SwapchainCreateInfo(
            usage_flags=xr.SwapchainUsageFlags.COLOR_ATTACHMENT_BIT | xr.SwapchainUsageFlags.SAMPLED_BIT,
            format=fmt,
            sample_count=1,
            width=width,
            height=height,
            face_count=1,
            array_size=1,
            mip_count=1,
        )
        self.handle = xr.create_swapchain(session.handle, info)
        self.images = [img.image for img in xr.enumerate_swapchain_images(self.handle, xr.SwapchainImageOpenGLKHR)]
        self.acquired: int | None = None

    def acquire(self) -> int:
        index = xr.acquire_swapchain_image(self.handle, xr.SwapchainImageAcquireInfo())
        xr.wait_swapchain_image(self.handle, xr.SwapchainImageWaitInfo(timeout=xr.INFINITE_DURATION))
        self.acquired = self.images[index]
        return self.acquired

    def release(self) -> None:
        if self.acquired is not None:
            xr.release_swapchain_image(self.handle, xr.SwapchainImageReleaseInfo())
            self.acquired = None

    def destroy(self) -> None:
        if self.handle is not None:
            xr.destroy_swapchain(self.handle)
            self.handle = None
