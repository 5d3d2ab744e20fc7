#version 330
// Analytic sky in linear HDR (simplepbr tone-maps it with the scene): zenith/horizon gradient that follows
// the sun's elevation, warm glow around a low sun, a sun disc, and a dark ground haze below the horizon.
uniform vec3 sun_dir;      // unit vector towards the sun, world axes (+Z up)
uniform float sky_scale;   // overall brightness
in vec3 v_dir;
out vec4 o_color;

void main() {
    vec3 d = normalize(v_dir);
    float s = sun_dir.z;
    float day = smoothstep(-0.12, 0.25, s);
    vec3 zenith = mix(vec3(0.004, 0.006, 0.02), vec3(0.05, 0.14, 0.45), day);
    vec3 horizon = mix(vec3(0.02, 0.025, 0.05), vec3(0.36, 0.46, 0.62), day);
    float cos_sun = max(dot(d, sun_dir), 0.0);
    float low_sun = 1.0 - smoothstep(0.0, 0.35, abs(s));
    vec3 glow = vec3(1.0, 0.45, 0.15) * low_sun * pow(cos_sun, 6.0) * 0.9;
    float h = clamp(d.z, 0.0, 1.0);
    vec3 col = mix(horizon + glow, zenith, pow(h, 0.45));
    col += vec3(1.0, 0.9, 0.75) * pow(cos_sun, 400.0) * 2.0 * day;           // halo
    col += vec3(30.0, 27.0, 22.0) * smoothstep(0.99985, 0.99992, cos_sun);   // disc
    if (d.z < 0.0) {
        col = mix(horizon * 0.6, vec3(0.08, 0.08, 0.085) * day + 0.01, smoothstep(0.0, -0.15, d.z));
    }
    o_color = vec4(col * sky_scale, 1.0);
}
