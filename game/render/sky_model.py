"""The daylight sky's colour: Preetham, Shirley & Smits' analytic model (SIGGRAPH 1999), extended through twilight
to the city's night sky. Pure: the sky shader evaluates the same formulae per pixel from :func:`sky_state`'s
uniforms, and the tests check the facts here.

Why Preetham rather than Hosek–Wilkie: both fit a Perez-style function to the luminance and colour of clear skies,
but Preetham needs fifteen coefficients linear in turbidity (sent as five vec3 uniforms, two exponentials a
pixel), while Hosek–Wilkie needs ~1,100 tabulated values interpolated per channel and per turbidity and albedo:
more set-up and more work per fragment on llvmpipe, for a gain (better low-sun saturation) that the twilight
extension below has to provide anyway, since neither model covers a sun below the horizon.

Preetham's luminance is in kcd/m² (noon zenith ~10, a clear night with Seoul's sky glow ~1e-5). The display
divides by an adapted key (:func:`exposure_stops`: an eye or camera opening most of the ~20 stops between noon and
night, not all of them), so a dusk sky is dimmer than noon's but still reads, and the night sky stays dark behind
floodlit gates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

#: Perez coefficients A–E of luminance Y and chromaticities x, y, as (slope, offset) in turbidity (paper, App. A.2)
_PEREZ = (
    ((0.1787, -1.4630), (-0.3554, 0.4275), (-0.0227, 5.3251), (0.1206, -2.5771), (-0.0670, 0.3703)),
    ((-0.0193, -0.2592), (-0.0665, 0.0008), (-0.0004, 0.2125), (-0.0641, -0.8989), (-0.0033, 0.0452)),
    ((-0.0167, -0.2608), (-0.0950, 0.0092), (-0.0079, 0.2102), (-0.0441, -1.6537), (-0.0109, 0.0529)),
)
#: Zenith chromaticity polynomials: rows for T², T, 1; columns for θs³, θs², θs, 1 (paper, App. A.2)
_ZENITH_X = ((0.00166, -0.00375, 0.00209, 0.0), (-0.02903, 0.06377, -0.03202, 0.00394),
             (0.11693, -0.21196, 0.06052, 0.25886))
_ZENITH_Y = ((0.00275, -0.00610, 0.00317, 0.0), (-0.04214, 0.08970, -0.04153, 0.00516),
             (0.15346, -0.26756, 0.06670, 0.26688))
#: CIE XYZ to linear sRGB (D65)
XYZ_TO_RGB = ((3.2406, -1.5372, -0.4986), (-0.9689, 1.8758, 0.0415), (0.0557, -0.2040, 1.0570))

#: Turbidity of a clear day over Seoul: hazier than the clean-air 2 (fine dust, humidity), estimated
CLEAR_TURBIDITY = 2.8
#: Luminance (kcd/m²) of a clear moonless night sky over central Seoul: sky glow ~20× a dark site's (estimated)
NIGHT_LUMINANCE = 4e-6
#: Below the horizon the sky dims by about a decade for each 2.2° the sun sinks, from sunset to the end of nautical
#: twilight (zenith ~1.8 kcd/m² at sunset, ~3 cd/m² at −6°, ~0.01 cd/m² at −12°: measured twilight curves)
TWILIGHT_DECADE = 2.2
#: The sun elevation (degrees) below which it is night for the sky: sky glow outshines what is left of twilight
NIGHT_ELEVATION = -11.0
#: Share of the ~20 stops between the noon sky and the night sky that exposure makes up (1 would show night as day)
ADAPTATION = 0.74
#: Display value of the noon zenith, the picture's reference (linear, before simplepbr's tone map)
DISPLAY_ZENITH = 0.36
#: Seoul's horizon haze (fine dust and humidity, which the clear-sky fit underplays): a milky band a few degrees
#: deep, brighter and whiter than the model's horizon, over which the sky deepens upward (estimated from photographs)
HAZE_SHARE = 0.55  # how much of the model's colour the band replaces at the horizon
HAZE_HEIGHT = 0.07  # its e-folding height in sin(elevation): ~4°
HAZE_GAIN = 1.3
HAZE_TINT = (0.97, 1.0, 1.04)
NOON_ZENITH = 10.0  # kcd/m²: the key the display is referred to


@dataclass(frozen=True)
class SkyState:
    """What the sky shader needs for one sun position: the model's coefficients and the display's scale."""

    perez: tuple[tuple[float, float, float], ...]  # A–E, each (Y, x, y)
    zenith: tuple[float, float, float]  # (Y, x, y) at the zenith divided by F(0, θs): the ratio's denominator
    sun_zenith: float  # radians, clamped to the horizon (the model's domain)
    twilight: float  # luminance factor for a sun below the horizon (1 above it)
    dusk: float  # 0 … 1: how far the sun is into twilight, for the warm horizon and the deep blue overhead
    scale: float  # display units per kcd/m², exposure included
    night_glow: float  # display luminance of the night sky's glow
    haze_band: tuple[float, float, float] = (0.0, 0.0, 0.0)  # colour of the aerosol haze on the horizon, display


def perez_coefficients(turbidity: float) -> tuple[tuple[float, float, float], ...]:
    """A–E, each for (Y, x, y), at ``turbidity``."""
    return tuple(tuple(_PEREZ[c][k][0] * turbidity + _PEREZ[c][k][1] for c in range(3))  # type: ignore[misc]
                 for k in range(5))


def perez(theta: float, gamma: float, a: float, b: float, c: float, d: float, e: float) -> float:
    """Perez et al.'s sky distribution at view zenith angle ``theta`` and angle ``gamma`` from the sun (radians)."""
    cos_t = max(math.cos(theta), 0.01)  # the formula diverges at the horizon; held just above it
    cos_g = math.cos(gamma)
    return (1.0 + a * math.exp(b / cos_t)) * (1.0 + c * math.exp(d * gamma) + e * cos_g * cos_g)


def zenith_luminance(turbidity: float, sun_zenith: float) -> float:
    """Preetham's zenith luminance in kcd/m² for a sun at ``sun_zenith`` radians (≤ π/2)."""
    chi = (4.0 / 9.0 - turbidity / 120.0) * (math.pi - 2.0 * sun_zenith)
    return (4.0453 * turbidity - 4.9710) * math.tan(chi) - 0.2155 * turbidity + 2.4192


def zenith_chromaticity(turbidity: float, sun_zenith: float) -> tuple[float, float]:
    t = (turbidity * turbidity, turbidity, 1.0)
    s = (sun_zenith ** 3, sun_zenith ** 2, sun_zenith, 1.0)

    def poly(m: tuple[tuple[float, ...], ...]) -> float:
        return sum(t[i] * m[i][j] * s[j] for i in range(3) for j in range(4))
    return poly(_ZENITH_X), poly(_ZENITH_Y)


def twilight_factor(sun_elevation: float) -> float:
    """How much of the sunset sky's luminance is left with the sun ``sun_elevation`` degrees up (1 above 0)."""
    return 10.0 ** (min(sun_elevation, 0.0) / TWILIGHT_DECADE)


def key_luminance(sun_elevation: float, turbidity: float = CLEAR_TURBIDITY) -> float:
    """The scene's key in kcd/m²: the zenith's luminance, through twilight, down to the city's night glow."""
    theta_s = math.radians(90.0 - max(sun_elevation, 0.0))
    return zenith_luminance(turbidity, theta_s) * twilight_factor(sun_elevation) + NIGHT_LUMINANCE


def exposure_stops(sun_elevation: float, turbidity: float = CLEAR_TURBIDITY) -> float:
    """Stops the sky's exposure opens by against noon's: :data:`ADAPTATION` of the key's fall (time-of-day curve)."""
    return max(ADAPTATION * math.log2(NOON_ZENITH / key_luminance(sun_elevation, turbidity)), 0.0)


def is_night(sun_elevation: float) -> bool:
    """The sky's own night: what is left of twilight is below the city's sky glow."""
    return sun_elevation < NIGHT_ELEVATION


def sky_state(sun_elevation: float, turbidity: float = CLEAR_TURBIDITY, gain: float = 1.0) -> SkyState:
    """The uniforms of the sky for a sun ``sun_elevation`` degrees up; ``gain`` undoes whatever exposure the
    scene's tone map applies after the sky (the city's own night opening), so the sky's exposure is its own."""
    theta_s = math.radians(90.0 - max(sun_elevation, 0.0))
    coeffs = perez_coefficients(turbidity)
    x, y = zenith_chromaticity(turbidity, theta_s)
    zen = (zenith_luminance(turbidity, theta_s), x, y)
    f0 = tuple(perez(0.0, theta_s, *(coeffs[k][c] for k in range(5))) for c in range(3))
    scale = DISPLAY_ZENITH / NOON_ZENITH * 2.0 ** exposure_stops(sun_elevation, turbidity) * gain
    dusk = min(max(-sun_elevation / 8.0, 0.0), 1.0)
    state = SkyState(coeffs, (zen[0] / f0[0], zen[1] / f0[1], zen[2] / f0[2]), theta_s,
                     twilight_factor(sun_elevation), dusk, scale, NIGHT_LUMINANCE * scale)
    # the haze band: brighter and whiter than the model's mean horizon (the same at every azimuth for a given sun)
    sun = (0.0, math.cos(math.radians(sun_elevation)), math.sin(math.radians(sun_elevation)))
    low = [_preetham(state, (math.sin(a), math.cos(a), 0.03), sun)[0] for a in (i * math.pi / 4 for i in range(8))]
    lum = HAZE_GAIN * sum(0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] for c in low) / len(low)
    return replace(state, haze_band=tuple(lum * c for c in HAZE_TINT))  # type: ignore[arg-type]


def _xyY_to_rgb(x: float, y: float, lum: float) -> tuple[float, float, float]:
    big_x = x / y * lum
    big_z = (1.0 - x - y) / y * lum
    return tuple(max(m[0] * big_x + m[1] * lum + m[2] * big_z, 0.0) for m in XYZ_TO_RGB)  # type: ignore[return-value]


def sky_radiance(state: SkyState, view: tuple[float, float, float], sun: tuple[float, float, float]
                 ) -> tuple[float, float, float]:
    """Linear display RGB of the clear sky (no clouds, stars or moon) along unit ``view`` with the sun along unit
    ``sun`` (east-north-up): what the shader computes, for tests and for the fill light's colour."""
    rgb, cos_g = _preetham(state, view, sun)
    band = HAZE_SHARE * math.exp(-max(view[2], 0.0) / HAZE_HEIGHT)
    rgb = tuple(c + (h - c) * band for c, h in zip(rgb, state.haze_band, strict=True))  # type: ignore[assignment]
    return _twilight_tint(rgb, state, view[2], cos_g)


def _preetham(state: SkyState, view: tuple[float, float, float], sun: tuple[float, float, float]
              ) -> tuple[tuple[float, float, float], float]:
    """The model itself along ``view``: linear display RGB, and the cosine of the angle from the sun."""
    theta = math.acos(max(min(view[2], 1.0), 0.0))
    sun_up = (sun[0], sun[1], max(sun[2], 0.0))
    n = math.sqrt(sum(c * c for c in sun_up)) or 1.0
    cos_g = sum(v * s / n for v, s in zip(view, sun_up, strict=True))
    gamma = math.acos(max(min(cos_g, 1.0), -1.0))
    yxy = [state.zenith[c] * perez(theta, gamma, *(state.perez[k][c] for k in range(5))) for c in range(3)]
    lum = yxy[0] * state.twilight * state.scale
    return _xyY_to_rgb(yxy[1], yxy[2], lum), cos_g


def _twilight_tint(rgb: tuple[float, float, float], state: SkyState, up: float, cos_g: float
                   ) -> tuple[float, float, float]:
    """After sunset ozone absorption leaves the high sky deep blue and the horizon under the sun orange-red (the
    Preetham fit, made for a sun above the horizon, has neither); the city's night glow lies under it all."""
    lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    glow = math.exp(-6.0 * (1.0 - cos_g)) * (1.0 - min(max(up, 0.0), 1.0)) ** 3
    warm = (lum * 2.4, lum * 0.85, lum * 0.25)
    deep = (lum * 0.45, lum * 0.7, lum * 1.9)
    k = state.dusk
    tinted = tuple(c * (1 - k) + k * (w * glow + b * (1 - glow)) for c, w, b in zip(rgb, warm, deep, strict=True))
    night = (0.55, 0.8, 1.6)  # Seoul's sky glow: bluish overhead, the colour of its mixed street lighting lower
    return tuple(t + state.night_glow * g for t, g in zip(tinted, night, strict=True))  # type: ignore[return-value]


def turbidity_for(haze: float, cloudiness: float) -> float:
    """Turbidity for the weather: haze (fog density per metre) and cloud thicken the air's scattering."""
    return CLEAR_TURBIDITY + min(haze * 1500.0, 6.0) + 2.0 * max(cloudiness - 0.35, 0.0)


def air_mass(sun_elevation: float) -> float:
    """Relative optical air mass towards a body ``sun_elevation`` degrees up (Kasten & Young 1989)."""
    el = max(sun_elevation, -0.5)
    return 1.0 / (math.sin(math.radians(el)) + 0.50572 * (el + 6.07995) ** -1.6364)


#: Optical depth of the air per air mass in R, G, B at turbidity 1 (Rayleigh) and per unit of turbidity above it
#: (aerosol): the sun reddens as it sinks and more in hazy air (fitted to the Preetham paper's sunlight spectra)
_RAYLEIGH = (0.045, 0.095, 0.19)
_AEROSOL = (0.035, 0.04, 0.05)


def transmittance(elevation: float, turbidity: float = CLEAR_TURBIDITY) -> tuple[float, float, float]:
    """Share of a sun's or moon's light in R, G, B that crosses the air to a body ``elevation`` degrees up."""
    m = air_mass(elevation)
    return tuple(math.exp(-(r + a * (turbidity - 1.0)) * m)  # type: ignore[return-value]
                 for r, a in zip(_RAYLEIGH, _AEROSOL, strict=True))


#: A star's display brightness once the exposure has opened for the night, in kcd/m² of its one pixel (estimated:
#: chosen so the brightest show in nautical twilight and the rest once it is dark)
STAR_LUMINANCE = 1.4e-3
STAR_MAX = 2.5
#: The full Moon's mean surface luminance, kcd/m² (~2,500 cd/m²: the disc is as bright as a daytime cloud)
MOON_LUMINANCE = 2.5
MOON_MAX = 4.0  # display cap: at night the disc is overexposed white, as in any photograph of the city
#: Drawn radius of the Moon, degrees: its true 0.26° is 1–3 pixels at the app's sizes, too small for its phase to
#: read, so it is drawn at the size the eye believes it to be near the horizon (the "Moon illusion")
MOON_DRAWN_RADIUS = 0.9
#: Moonlight: the ambient a full Moon overhead adds to the city at night (linear; the lamps give ~0.05)
MOONLIGHT = (0.010, 0.012, 0.017)
SUN_DISC = 30.0  # display brightness of the sun's disc at the zenith (saturates the tone map: a white-hot disc)


def moon_surface(phase_angle: float) -> float:
    """The lit part's surface brightness against a full Moon's, from the Moon's magnitude phase law (Allen:
    m = −12.73 + 0.026|i| + 4e−9 i⁴) divided by the lit share of the disc."""
    i = abs(phase_angle)
    fraction = max((1.0 + math.cos(math.radians(i))) / 2.0, 0.02)
    return 10.0 ** (-0.4 * (0.026 * i + 4e-9 * i ** 4)) / fraction


def moon_brightness(altitude: float, phase_angle: float, scale: float,
                    turbidity: float = CLEAR_TURBIDITY) -> float:
    """Display brightness of the Moon's lit surface (0 below the horizon)."""
    if altitude < -1.0:
        return 0.0
    t = transmittance(altitude, turbidity)
    return min(MOON_LUMINANCE * moon_surface(phase_angle) * (0.2 * t[0] + 0.7 * t[1] + 0.1 * t[2]) * scale, MOON_MAX)


def moonlight(altitude: float, illuminated: float, phase_angle: float) -> tuple[float, float, float]:
    """Ambient the Moon adds to the city (linear RGB): its whole-disc brightness, by the sine of its altitude."""
    if altitude <= 0.0:
        return (0.0, 0.0, 0.0)
    whole = moon_surface(phase_angle) * max(illuminated, 0.0)
    up = math.sin(math.radians(altitude))
    return tuple(c * whole * up for c in MOONLIGHT)  # type: ignore[return-value]


def sun_disc(sun_elevation: float, turbidity: float = CLEAR_TURBIDITY) -> tuple[float, float, float]:
    """The sun's disc in display units: white-hot high up, orange then red as the air it crosses thickens."""
    if sun_elevation < -1.0:
        return (0.0, 0.0, 0.0)
    return tuple(SUN_DISC * c for c in transmittance(sun_elevation, turbidity))  # type: ignore[return-value]


def star_brightness(scale: float) -> float:
    return min(STAR_LUMINANCE * scale, STAR_MAX)
