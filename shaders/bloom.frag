#version 330
// Bloom in three passes over simplepbr's linear HDR scene (game/render/bloom.py):
//   mode 0: keep what the exposure lifts above the threshold, at a quarter of the size (a 4-tap box down-sample);
//   mode 1: a 9-tap Gaussian along `axis` (run across, then down);
//   mode 2: simplepbr's own tone map (exposure, then its filmic curve) over the scene, darkened by the ambient
//           occlusion where there is one, with the glow added, so the glow of a floodlit roof or the Moon spreads
//           into the night around it.
uniform sampler2D tex;       // mode 0 and 2: the HDR scene; mode 1: the previous bloom pass
uniform sampler2D glow;      // mode 2: the blurred bright parts
uniform int mode;
uniform vec2 axis;           // mode 1: (1, 0) across, (0, 1) down
uniform float exposure;      // linear factor (2^stops), set by simplepbr
uniform float threshold;     // exposed luminance where bloom starts
uniform float strength;      // share of the glow added back
uniform sampler2D ao;        // mode 2: the screen-space occlusion (game/render/ssao.py), or one white texel
uniform float ao_strength;   // mode 2: how much of it darkens the scene (0: none)
in vec2 v_uv;
out vec4 o_color;

const float WEIGHTS[5] = float[](0.227027, 0.1945946, 0.1216216, 0.054054, 0.016216);

void main() {
    if (mode == 0) {
        vec2 t = 1.0 / vec2(textureSize(tex, 0));
        vec3 c = 0.25 * (texture(tex, v_uv + vec2(-t.x, -t.y)).rgb + texture(tex, v_uv + vec2(t.x, -t.y)).rgb
                       + texture(tex, v_uv + vec2(-t.x, t.y)).rgb + texture(tex, v_uv + vec2(t.x, t.y)).rgb);
        c *= exposure;
        float l = dot(c, vec3(0.2126, 0.7152, 0.0722));
        o_color = vec4(c * max(l - threshold, 0.0) / max(l, 1e-4), 1.0);
    } else if (mode == 1) {
        vec2 step = axis / vec2(textureSize(tex, 0));
        vec3 c = texture(tex, v_uv).rgb * WEIGHTS[0];
        for (int i = 1; i < 5; ++i) {
            c += texture(tex, v_uv + step * float(i)).rgb * WEIGHTS[i];
            c += texture(tex, v_uv - step * float(i)).rgb * WEIGHTS[i];
        }
        o_color = vec4(c, 1.0);
    } else {
        vec4 scene = texture(tex, v_uv);
        float occlusion = mix(1.0, texture(ao, v_uv).r, ao_strength);
        vec3 color = scene.rgb * occlusion * exposure + texture(glow, v_uv).rgb * strength;
        color = max(vec3(0.0), color - vec3(0.004));
        color = (color * (vec3(6.2) * color + vec3(0.5))) / (color * (vec3(6.2) * color + vec3(1.7)) + vec3(0.06));
        o_color = vec4(color, scene.a);
    }
}
