#version 330
// A ground storey of shops (game/city/facades.py), drawn on one quad: units of a few metres between stone piers,
// each with its glass (mullions, a transom) and above it a signboard in one of the colours Seoul's signs use,
// lettered with blocky Hangul-like glyphs. By day the glass is dark and the boards are lit by the sun and the
// ambient; after dark the open shops' glass glows warm or cool and every board is backlit.
uniform struct p3d_LightSourceParameters {
    vec4 diffuse;
    vec4 position;
} p3d_LightSource[1];
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform float night;         // 0 by day, 1 after dusk (set on the world by the pipeline)
uniform float windows_lit;   // share of office windows lit at this hour: shops stay open longer (see below)
uniform float windows_seed;  // one value per hour of the year

in vec3 v_normal;
in vec2 v_uv;
flat in vec3 v_seed;
out vec4 o_color;

const float PI = 3.141592653589793;
const vec3 STONE = vec3(0.42, 0.40, 0.37);
const vec3 DARK = vec3(0.035, 0.035, 0.04);
const vec3 GLASS = vec3(0.04, 0.05, 0.06);
const vec3 WARM = vec3(0.75, 0.5, 0.28);
const vec3 COOL = vec3(0.55, 0.6, 0.66);
const vec3 BOARDS[7] = vec3[](vec3(0.55, 0.03, 0.03), vec3(0.02, 0.1, 0.42), vec3(0.02, 0.28, 0.09),
                              vec3(0.78, 0.55, 0.02), vec3(0.8, 0.8, 0.77), vec3(0.75, 0.22, 0.02),
                              vec3(0.02, 0.03, 0.09));
const float PLINTH = 0.15, TRANSOM = 2.5, GLASS_TOP = 3.0, BOARD_LOW = 3.25, BOARD_TOP = 4.35;
const float PIER = 0.35, GLYPH = 0.62;

uint mix_bits(uvec3 v) {
    uint h = v.x * 0x8da6b343u ^ v.y * 0xd8163841u ^ v.z * 0xcb1ab31fu;
    h ^= h >> 16u; h *= 0x7feb352du; h ^= h >> 15u; h *= 0x846ca68bu; h ^= h >> 16u;
    return h;
}

float rand(uvec3 v) {
    return float(mix_bits(v) >> 8u) / 16777216.0;
}

// 1 on a stroke of a glyph: each glyph a 3 × 3 grid of cells, filled at random, with one full bar so that it
// reads as a letter and not as noise (Hangul blocks stack an initial, a vowel and often a final).
float lettering(vec2 p, uint unit, uint facade) {
    vec2 cell = floor(p / GLYPH);
    vec2 f = fract(p / GLYPH);
    if (f.x < 0.12 || f.x > 0.88 || f.y < 0.1 || f.y > 0.9) {
        return 0.0;
    }
    vec2 sub = floor((f - vec2(0.12, 0.1)) / vec2(0.76, 0.8) * 3.0);
    uint glyph = mix_bits(uvec3(unit, uint(cell.x), facade));
    uint bit = uint(sub.y * 3.0 + sub.x);
    bool bar = sub.y == float(glyph % 3u) || sub.x == float((glyph >> 2u) % 3u);
    return ((glyph >> (4u + bit)) & 1u) == 1u || bar ? 1.0 : 0.0;
}

void main() {
    uint facade = uint(v_seed.r * 255.0 + 0.5) | (uint(v_seed.g * 255.0 + 0.5) << 8u);
    float unit_w = 4.8 + 1.6 * floor(v_seed.b * 3.0);  // 4.8, 6.4 or 8.0 m shops, by the façade's style
    float u = v_uv.x, v = v_uv.y;
    uint unit = uint(floor(u / unit_w));
    float x = u - float(unit) * unit_w;  // metres into this shop
    float r = rand(uvec3(facade, unit, 17u));
    vec3 board = BOARDS[uint(r * 7.0) % 7u];
    bool light_board = board.r + board.g > 1.0;
    // open after dark: most shops in the evening, fewer late at night (the office windows' share, lifted)
    float open = step(rand(uvec3(facade, unit, uint(windows_seed))), clamp(0.35 + windows_lit, 0.0, 0.95)) * night;

    vec3 albedo = STONE;
    vec3 glow = vec3(0.0);
    bool pier = x < PIER || x > unit_w - PIER * 0.2;
    if (v < PLINTH) {
        albedo = DARK;
    } else if (v < GLASS_TOP && !pier) {
        float mullion = step(fract((x - PIER) / 1.6), 0.04) + step(abs(v - TRANSOM), 0.04);
        albedo = mullion > 0.0 ? DARK : GLASS;
        glow = mullion > 0.0 ? vec3(0.0) : mix(WARM, COOL, step(0.5, rand(uvec3(facade, unit, 5u)))) * open;
    } else if (v >= GLASS_TOP && v < BOARD_LOW) {
        albedo = DARK;  // the fascia under the board
    } else if (v >= BOARD_LOW && v < BOARD_TOP && !pier) {
        vec2 p = vec2(x - PIER - 0.3, v - BOARD_LOW - 0.24);
        float text_w = (unit_w - PIER - 0.6) * (0.45 + 0.45 * rand(uvec3(facade, unit, 9u)));
        float ink = (p.x > 0.0 && p.x < text_w && p.y > 0.0 && p.y < GLYPH) ? lettering(p, unit, facade) : 0.0;
        vec3 letters = light_board ? vec3(0.03, 0.03, 0.05) : vec3(0.85, 0.85, 0.8);
        albedo = mix(board, letters, ink);
        glow = mix(board * 0.7, light_board ? board * 0.3 : vec3(1.1), ink) * night;  // backlit boards
    }
    vec3 l = normalize(p3d_LightSource[0].position.xyz);
    float n_dot_l = max(dot(normalize(v_normal), l), 0.0);
    vec3 light = p3d_LightSource[0].diffuse.rgb * n_dot_l / PI * (1.0 - night) + (p3d_LightModel.ambient.rgb + sky_share);
    o_color = vec4(albedo * light + glow, 1.0);
}
