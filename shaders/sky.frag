#version 330
// Analytic sky in linear HDR (simplepbr tone-maps it with the scene): zenith/horizon gradient that follows
// the sun's elevation, warm glow around a low sun, a sun disc, and a dark ground haze below the horizon.
// Over it a procedural cloud deck (value-noise fBm on a flat layer high above the city, thinning to the horizon),
// lit by the sun by day and by the city's glow at night; and the stars on a fixed grid of directions, shining
// where the cloud lets them through once it is dark.
uniform vec3 sun_dir;      // unit vector towards the sun, world axes (+Z up)
uniform float sky_scale;   // overall brightness
uniform float cloudiness;  // 0 clear … 1 overcast
uniform float haze;        // how far the weather's haze (fog, rain, snow) veils the sky, at the horizon
uniform vec3 haze_colour;  // the haze's colour, as the scene's fog has it (before exposure)
in vec3 v_dir;
out vec4 o_color;

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

float fbm(vec2 p) {
    float sum = 0.0, amp = 0.5;
    for (int i = 0; i < 5; ++i) {
        sum += amp * value_noise(p);
        p = mat2(1.6, 1.2, -1.2, 1.6) * p + 17.0;
        amp *= 0.5;
    }
    return sum;
}

void main() {
    vec3 d = normalize(v_dir);
    float s = sun_dir.z;
    float day = smoothstep(-0.12, 0.25, s);
    vec3 zenith = mix(vec3(0.004, 0.006, 0.02), vec3(0.05, 0.14, 0.45), day);
    vec3 horizon = mix(vec3(0.02, 0.025, 0.05), vec3(0.36, 0.46, 0.62), day);
    zenith = mix(zenith, horizon * 0.8, cloudiness * 0.7);  // an overcast sky is grey all the way up
    float cos_sun = max(dot(d, sun_dir), 0.0);
    float low_sun = 1.0 - smoothstep(0.0, 0.35, abs(s));
    vec3 glow = vec3(1.0, 0.45, 0.15) * low_sun * pow(cos_sun, 6.0) * 0.9;
    float h = clamp(d.z, 0.0, 1.0);
    vec3 col = mix(horizon + glow, zenith, pow(h, 0.45));
    float veil = 1.0 - cloudiness;
    col += vec3(1.0, 0.9, 0.75) * pow(cos_sun, 400.0) * 2.0 * day * veil;           // halo
    col += vec3(30.0, 27.0, 22.0) * smoothstep(0.99985, 0.99992, cos_sun) * veil;   // disc
    if (d.z < 0.0) {
        col = mix(horizon * 0.6, vec3(0.08, 0.08, 0.085) * day + 0.01, smoothstep(0.0, -0.15, d.z));
        o_color = vec4(mix(col * sky_scale, haze_colour, haze), 1.0);
        return;
    }
    // stars: one candidate per cell of a fine grid of directions, a few hundredths of them lit
    vec3 grid = d * 260.0;
    ivec3 cell = ivec3(floor(grid));
    float star = step(0.985, rand(cell + ivec3(0, 0, 911)));
    star *= smoothstep(0.42, 0.2, length(fract(grid) - 0.5));
    float twinkle = 0.4 + 0.6 * rand(cell + ivec3(5, 3, 1));
    float overcast = smoothstep(0.5, 0.9, cloudiness);  // a low grey deck hides every star
    col += vec3(0.9, 0.95, 1.0) * star * twinkle * 2.5 * (1.0 - day) * (1.0 - overcast) * smoothstep(0.03, 0.15, d.z);
    // the cloud deck: the view ray meets a flat layer; far along it (near the horizon) the clouds thin to haze
    vec2 layer = d.xy / (d.z + 0.06) * 0.9;
    float n = fbm(layer + vec2(3.7, 1.3));
    float cover = smoothstep(0.62 - 0.35 * cloudiness, 0.85 - 0.3 * cloudiness, n) * smoothstep(0.0, 0.2, d.z);
    float thick = smoothstep(0.5, 0.9, fbm(layer * 2.1 + 9.0));
    vec3 lit_cloud = mix(vec3(0.95, 0.95, 0.97), vec3(0.62, 0.64, 0.7), thick * (0.5 + 0.5 * cloudiness));
    vec3 cloud = lit_cloud * mix(0.07, 1.0, day) * (horizon + vec3(0.4) * day + glow);
    cloud = mix(cloud, vec3(0.05, 0.04, 0.045), 1.0 - day);  // at night the deck glows faintly with the city
    col = mix(col, cloud, cover * (0.85 + 0.15 * cloudiness));
    o_color = vec4(mix(col * sky_scale, haze_colour, haze * (1.0 - 0.5 * h)), 1.0);
}
