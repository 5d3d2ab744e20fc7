#version 330
// The exposure meter (game/render/metering.py): each texel of a small buffer holds the natural log of the mean
// luminance of the HDR scene (before exposure) over its patch, from a 4×4 grid of taps across the patch.
uniform sampler2D tex;
in vec2 v_uv;
out vec4 o_color;

void main() {
    vec2 patch = v_uv / gl_FragCoord.xy;  // one meter texel, in the scene's texture coordinates
    float sum = 0.0;
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 4; ++x) {
            vec3 c = texture(tex, v_uv + (vec2(x, y) - 1.5) / 4.0 * patch).rgb;
            sum += log(dot(c, vec3(0.2126, 0.7152, 0.0722)) + 1e-4);
        }
    }
    o_color = vec4(sum / 16.0, 0.0, 0.0, 1.0);
}
