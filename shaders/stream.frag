#version 330
// Shallow clear water over dark stones: a base colour, ripples that move downstream at the stream's pace, the
// sky's reflection growing at grazing angles (Schlick), the key light's glint, and by night the lantern
// sculptures' light spread on the surface and broken by the ripples. Linear output, tone-mapped with the frame.
uniform struct p3d_LightSourceParameters {
    vec4 diffuse;
    vec4 position;
} p3d_LightSource[1];
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform mat4 p3d_ViewMatrix;
uniform float night;        // 0 by day, 1 after dusk (the pipeline sets it on the world)
uniform float flow_time;    // seconds since the scene started
uniform int glow_count;     // lantern sculptures lighting the water (0 outside the festival)
uniform vec4 glow[16];      // world x, y, z, reach in metres
uniform vec4 glow_colour[16];  // linear colour, w = strength

in vec3 v_world;
in vec3 v_view;
in vec2 v_uv;
out vec4 o_color;

const vec3 DEEP = vec3(0.03, 0.075, 0.065);
const float FLOW = 0.25;  // m/s downstream

float ripple(vec2 p) {
    return sin(p.x * 1.7 + sin(p.y * 0.9) * 1.3) * 0.5 + sin(p.y * 2.3 - p.x * 0.6) * 0.35
         + sin((p.x + p.y) * 4.1) * 0.15;
}

void main() {
    vec2 p = vec2(v_uv.x, v_uv.y - flow_time * FLOW);
    float e = 0.05;
    float h = ripple(p);
    vec2 slope = vec2(ripple(p + vec2(e, 0.0)) - h, ripple(p + vec2(0.0, e)) - h) / e;
    // the sheet is level: perturb the world's up by the ripples' slope, then take it to view space
    vec3 n = normalize(mat3(p3d_ViewMatrix) * normalize(vec3(-0.08 * slope, 1.0)));
    vec3 v = normalize(-v_view);
    vec3 l = normalize(p3d_LightSource[0].position.xyz);
    float fresnel = 0.02 + 0.6 * pow(1.0 - max(dot(n, v), 0.0), 5.0);
    vec3 sky = (p3d_LightModel.ambient.rgb + sky_share) * 1.5 + p3d_LightSource[0].diffuse.rgb * 0.05 * (1.0 - night);
    vec3 colour = DEEP * ((p3d_LightModel.ambient.rgb + sky_share) * 4.0 + p3d_LightSource[0].diffuse.rgb * 0.35 * max(dot(n, l), 0.0));
    colour = mix(colour, sky, fresnel);
    vec3 halfway = normalize(l + v);
    colour += p3d_LightSource[0].diffuse.rgb * pow(max(dot(n, halfway), 0.0), 120.0) * 0.6 * (1.0 - night);
    vec3 lamp = vec3(0.0);
    for (int i = 0; i < glow_count; ++i) {
        vec2 d = v_world.xy - glow[i].xy;
        float fall = exp(-dot(d, d) / (glow[i].w * glow[i].w));
        lamp += glow_colour[i].rgb * glow_colour[i].w * fall;
    }
    colour += lamp * night * (0.55 + 0.45 * (0.5 + 0.5 * h));
    o_color = vec4(colour, 1.0);
}
