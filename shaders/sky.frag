#version 330
// The sky in linear HDR (simplepbr tone-maps it with the scene). Its colour is Preetham, Shirley & Smits' analytic
// daylight model (game/render/sky_model.py holds the same formulae and the reasons): a Perez distribution for the
// luminance and each chromaticity, turned from CIE xyY into linear sRGB; below the horizon the sun's last light is
// a decade per 2.2° dimmer, with a warm horizon under the sun and a deep blue above, over Seoul's night glow.
// Over it: the sun's disc, the Moon at its phase (lit on the side facing the sun), a procedural cloud deck
// (value-noise fBm on a flat layer high above the city, thinning to the horizon, read from a tiling image that
// game/render/cloud_noise.py makes once: per pixel it cost most of the sky's time) lit by the sky and the sun, and
// the stars on a fixed grid of directions once the exposure opens far enough to show them.
uniform vec3 sun_dir;      // unit vector towards the sun, world axes (+Z up)
uniform vec3 perez_a, perez_b, perez_c, perez_d, perez_e;  // Perez coefficients for (Y, x, y)
uniform vec3 zenith_yxy;   // zenith (Y, x, y) over F(0, sun zenith angle)
uniform vec3 sky_light;    // (twilight factor × display scale, dusk 0…1, night glow in display units)
uniform vec3 sun_colour;   // the sun's disc in display units (its colour through the air at this height)
uniform vec3 sky_fill;     // the sky's colour overhead (display units): what lights the clouds from above
uniform vec3 haze_band;    // Seoul's milky horizon haze (display units), laid over the model's last few degrees
uniform vec3 sky_low;      // the sky's mean colour round the horizon: the clouds' side light and the overcast grey
uniform float star_scale;  // a star's display brightness at this exposure (0 by day)
uniform vec3 moon_dir;     // unit vector towards the Moon
uniform vec3 moon_light;   // unit vector from the Moon towards the sun
uniform vec2 moon_disc;    // (cos and sin of the drawn radius)
uniform float moon_bright; // the lit Moon's display brightness (0 below the horizon)
uniform float cloudiness;  // 0 clear … 1 overcast
uniform float haze;        // how far the weather's haze (fog, rain, snow) veils the sky, at the horizon
uniform vec3 haze_colour;  // the haze's colour, as the scene's fog has it (before exposure)
uniform sampler2D cloud_noise;  // the deck's fBm, tiling every CLOUD_PERIOD layer units
in vec3 v_dir;
out vec4 o_color;

const float CLOUD_PERIOD = 8.0;  // cloud_noise.PERIOD
const mat3 XYZ_TO_RGB = mat3(3.2406, -0.9689, 0.0557, -1.5372, 1.8758, -0.2040, -0.4986, 0.0415, 1.0570);

uint mix_bits(uvec3 v) {
    uint h = v.x * 0x8da6b343u ^ v.y * 0xd8163841u ^ v.z * 0xcb1ab31fu;
    h ^= h >> 16u; h *= 0x7feb352du; h ^= h >> 15u; h *= 0x846ca68bu; h ^= h >> 16u;
    return h;
}

float rand(ivec3 cell) {
    return float(mix_bits(uvec3(cell)) >> 8u) / 16777216.0;
}

float value_noise(vec2 p) {
    ivec3 c = ivec3(ivec2(floor(p)), 0);
    vec2 f = fract(p);
    f = f * f * (3.0 - 2.0 * f);
    float a = rand(c), b = rand(c + ivec3(1, 0, 0)), d = rand(c + ivec3(0, 1, 0)), e = rand(c + ivec3(1, 1, 0));
    return mix(mix(a, b, f.x), mix(d, e, f.x), f.y);
}

vec3 perez(float cos_t, float gamma, float cos_g) {
    return (1.0 + perez_a * exp(perez_b / max(cos_t, 0.01)))
         * (1.0 + perez_c * exp(perez_d * gamma) + perez_e * cos_g * cos_g);
}

// Preetham's clear sky along d, in display units, with the twilight tint and the night glow (sky_model.sky_radiance)
vec3 clear_sky(vec3 d) {
    vec3 up_sun = normalize(vec3(sun_dir.xy, max(sun_dir.z, 0.0)) + vec3(0.0, 0.0, 1e-4));
    float cos_g = dot(d, up_sun);
    vec3 yxy = zenith_yxy * perez(max(d.z, 0.0), acos(clamp(cos_g, -1.0, 1.0)), cos_g);
    float lum = yxy.x * sky_light.x;
    vec3 xyz = vec3(yxy.y / yxy.z * lum, lum, (1.0 - yxy.y - yxy.z) / yxy.z * lum);
    vec3 rgb = max(XYZ_TO_RGB * xyz, 0.0);
    rgb = mix(rgb, haze_band, 0.55 * exp(-max(d.z, 0.0) / 0.07));  // sky_model.HAZE_SHARE, HAZE_HEIGHT
    float l = dot(rgb, vec3(0.2126, 0.7152, 0.0722));
    float glow = exp(-6.0 * (1.0 - cos_g)) * pow(1.0 - clamp(d.z, 0.0, 1.0), 3.0);
    vec3 tint = mix(l * vec3(0.45, 0.7, 1.9), l * vec3(2.4, 0.85, 0.25), glow);
    return mix(rgb, tint, sky_light.y) + sky_light.z * vec3(0.55, 0.8, 1.6);
}

void main() {
    vec3 d = normalize(v_dir);
    float veil = 1.0 - cloudiness;
    if (d.z < 0.0) {
        vec3 horizon = clear_sky(normalize(vec3(d.xy, 0.0) + vec3(0.0, 0.0, 1e-3)));
        float day = smoothstep(-0.12, 0.25, sun_dir.z);
        vec3 col = mix(horizon * 0.6, vec3(0.08, 0.08, 0.085) * day + 0.01, smoothstep(0.0, -0.15, d.z));
        o_color = vec4(mix(col, haze_colour, haze), 1.0);
        return;
    }
    vec3 col = clear_sky(d);
    float grey = smoothstep(0.35, 1.0, cloudiness) * 0.7;  // an overcast sky is grey all the way up
    col = mix(col, vec3(dot(sky_low, vec3(0.2126, 0.7152, 0.0722))) * 0.9, grey);
    float cos_sun = max(dot(d, sun_dir), 0.0);
    col += sun_colour * smoothstep(0.99985, 0.99992, cos_sun) * veil;  // disc
    // stars: one candidate per cell of a fine grid of directions, a few hundredths of them lit
    vec3 grid = d * 260.0;
    ivec3 cell = ivec3(floor(grid));
    float star = step(0.985, rand(cell + ivec3(0, 0, 911)));
    star *= smoothstep(0.42, 0.2, length(fract(grid) - 0.5));
    float twinkle = 0.4 + 0.6 * rand(cell + ivec3(5, 3, 1));
    float overcast = smoothstep(0.5, 0.9, cloudiness);  // a low grey deck hides every star
    float h = clamp(d.z, 0.0, 1.0);
    // the Moon: a sphere lit along moon_light, so its terminator shows the phase; it hides the stars behind it
    float cos_m = dot(d, moon_dir);
    if (cos_m > moon_disc.x) {
        vec3 across = (d - moon_dir * cos_m) / moon_disc.y;
        vec3 normal = across - moon_dir * sqrt(max(1.0 - dot(across, across), 0.0));
        float lit = smoothstep(-0.05, 0.1, dot(normal, moon_light));
        float mare = 0.82 + 0.18 * value_noise(across.xy * 3.0 + 5.0);
        col += vec3(0.98, 0.96, 0.9) * mare * lit * moon_bright * smoothstep(1.0, 0.9, length(across));
        star = 0.0;
    }
    col += vec3(0.9, 0.95, 1.0) * star * twinkle * star_scale * (1.0 - overcast) * smoothstep(0.03, 0.15, d.z);
    // the cloud deck: the view ray meets a flat layer; far along it (near the horizon) the clouds thin to haze
    vec2 layer = d.xy / (d.z + 0.06) * 0.9;
    float n = texture(cloud_noise, (layer + vec2(3.7, 1.3)) / CLOUD_PERIOD).r;
    float cover = smoothstep(0.62 - 0.35 * cloudiness, 0.85 - 0.3 * cloudiness, n) * smoothstep(0.0, 0.2, d.z);
    float thick = smoothstep(0.5, 0.9, texture(cloud_noise, (layer * 2.1 + 9.0) / CLOUD_PERIOD).r);
    vec3 lit_cloud = mix(vec3(0.95, 0.95, 0.97), vec3(0.62, 0.64, 0.7), thick * (0.5 + 0.5 * cloudiness));
    float forward = 1.0 + 2.0 * pow(cos_sun, 8.0);  // a cloud near the sun is lit through its edge
    vec3 cloud = lit_cloud * (sky_fill + sky_low * 0.6 + sun_colour * 0.02 * forward * veil);
    cloud += vec3(6.0, 4.5, 3.5) * sky_light.z;  // under the deck at night: the city's orange glow
    col = mix(col, cloud, cover * (0.85 + 0.15 * cloudiness));
    o_color = vec4(mix(col, haze_colour, haze * (1.0 - 0.5 * h)), 1.0);
}
