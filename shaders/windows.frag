#version 330
// The panes of a façade: a grid of bays and storeys; outside a pane the fragment is dropped and the wall behind
// shows. By day a pane is dark tinted glass under the sun and the ambient; after dusk a share of them is lit, that
// share varying floor by floor, the pattern fixed for an hour (windows_seed) so one instant always looks the same.
// Where a storey shrinks below two pixels the grid would shimmer: by day nothing is drawn there, by night only the
// lit panes, as dots as dim as a pane's share of its cell.
uniform struct p3d_LightSourceParameters {
    vec4 diffuse;
    vec4 position;
} p3d_LightSource[1];
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform float night;         // 0 by day, 1 after dusk (set on the world by the pipeline)
uniform float windows_lit;   // share of panes lit at this hour (game/city/night.py lit_share)
uniform float windows_seed;  // one value per hour of the year

in vec3 v_normal;
in vec2 v_uv;
flat in vec3 v_seed;
out vec4 o_color;

const vec2 CELL = vec2(3.2, 3.6);  // BAY and STOREY in game/city/night.py
const float PI = 3.141592653589793;
const vec3 GLASS = vec3(0.045, 0.06, 0.075);
const vec3 WARM = vec3(1.25, 0.82, 0.45);
const vec3 COOL = vec3(0.85, 0.95, 1.1);

uint mix_bits(uvec3 v) {
    uint h = v.x * 0x8da6b343u ^ v.y * 0xd8163841u ^ v.z * 0xcb1ab31fu;
    h ^= h >> 16u; h *= 0x7feb352du; h ^= h >> 15u; h *= 0x846ca68bu; h ^= h >> 16u;
    return h;
}

float rand(uvec3 v) {
    return float(mix_bits(v) >> 8u) / 16777216.0;
}

void main() {
    vec2 g = v_uv / CELL;
    vec2 cell = floor(g);
    vec2 f = g - cell;
    bool tiny = fwidth(g.y) > 0.5;
    bool pane = f.x > 0.14 && f.x < 0.86 && f.y > 0.22 && f.y < 0.86;
    uint block = uint(v_seed.r * 255.0 + 0.5) | (uint(v_seed.g * 255.0 + 0.5) << 8u);
    uint hour = uint(windows_seed);
    float floor_share = clamp(windows_lit * (0.25 + 1.5 * rand(uvec3(block, uint(cell.y), hour))), 0.0, 1.0);
    float lit = step(rand(uvec3(block ^ (uint(cell.x) << 16u), uint(cell.y), hour + 7919u)), floor_share) * night;
    if (tiny ? lit < 0.5 : !pane) {
        discard;
    }
    vec3 glow = mix(WARM, COOL, step(0.55, v_seed.b)) * lit;
    if (tiny) {
        o_color = vec4(glow * 0.46, 1.0);
        return;
    }
    vec3 l = normalize(p3d_LightSource[0].position.xyz);
    float n_dot_l = max(dot(normalize(v_normal), l), 0.0);
    vec3 light = p3d_LightSource[0].diffuse.rgb * n_dot_l / PI * (1.0 - night) + (p3d_LightModel.ambient.rgb + sky_share);
    o_color = vec4(GLASS * light + (p3d_LightModel.ambient.rgb + sky_share) * 0.25 + glow, 1.0);
}
