#version 330
// Screen-space ambient occlusion over simplepbr's scene depth (game/render/ssao.py):
//   mode 0: for each pixel, the share of a hemisphere of RADIUS metres round its surface that the scene's depth
//           leaves open (12 samples, turned per pixel to trade banding for noise);
//   mode 1: a 4x4 box blur of that share, which the noise is made for.
// Positions are Panda's camera space (Y forward, Z up): `proj` is the lens's projection, `inv_proj` its inverse.
uniform sampler2D depth;
uniform sampler2D tex;       // mode 1: the raw occlusion
uniform int mode;
uniform mat4 proj;
uniform mat4 inv_proj;
uniform float radius;
in vec2 v_uv;
out vec4 o_color;

const int SAMPLES = 12;

vec3 position_at(vec2 uv) {
    float d = texture(depth, uv).r;
    vec4 p = inv_proj * vec4(uv * 2.0 - 1.0, d * 2.0 - 1.0, 1.0);
    return p.xyz / p.w;
}

float hash(vec2 p) {
    return fract(sin(dot(p, vec2(12.9898, 78.233))) * 43758.5453);
}

void main() {
    if (mode == 1) {
        vec2 t = 1.0 / vec2(textureSize(tex, 0));
        float sum = 0.0;
        for (int x = -2; x < 2; ++x) {
            for (int y = -2; y < 2; ++y) {
                sum += texture(tex, v_uv + (vec2(x, y) + 0.5) * t).r;
            }
        }
        o_color = vec4(sum / 16.0, 0.0, 0.0, 1.0);
        return;
    }
    if (texture(depth, v_uv).r >= 1.0) {  // the sky: nothing to occlude
        o_color = vec4(1.0);
        return;
    }
    vec3 p = position_at(v_uv);
    vec3 n = normalize(cross(dFdx(p), dFdy(p)));
    if (dot(n, p) > 0.0) {
        n = -n;  // facing the camera
    }
    float angle = 6.2831853 * hash(gl_FragCoord.xy);
    vec3 helper = abs(n.z) < 0.9 ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0);
    vec3 t = normalize(cross(helper, n));
    vec3 b = cross(n, t);
    vec3 tr = t * cos(angle) + b * sin(angle);
    vec3 br = cross(n, tr);
    float open = 0.0;
    for (int i = 0; i < SAMPLES; ++i) {
        float k = (float(i) + 0.5) / float(SAMPLES);
        float r = sqrt(k);
        float phi = float(i) * 2.3999632;  // the golden angle: a spiral over the disc
        vec3 h = vec3(r * cos(phi), r * sin(phi), sqrt(1.0 - k));
        float reach = radius * mix(0.2, 1.0, k * k);
        vec3 s = p + (tr * h.x + br * h.y + n * h.z) * reach;
        vec4 c = proj * vec4(s, 1.0);
        vec2 uv = c.xy / c.w * 0.5 + 0.5;
        if (any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0)))) {
            open += 1.0;
            continue;
        }
        float scene = position_at(uv).y;  // forward distance of what the pixel there shows
        float in_front = step(scene, s.y - 0.02);
        float near = smoothstep(0.0, 1.0, radius / max(abs(p.y - scene), 1e-4));
        open += 1.0 - in_front * near;
    }
    o_color = vec4(open / float(SAMPLES), 0.0, 0.0, 1.0);
}
