#version 330
// City life (game/life/render.py): one instanced draw per body kind. Each instance reads its place, heading,
// walk phase and colours from a buffer texture; legs and arms swing about hip and shoulder (vertex animation).
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat4 p3d_ModelViewMatrix;
uniform samplerBuffer instances;  // 4 texels per instance, see render.py
uniform vec3 slot_colour[12];     // fixed colours per slot (glass, tyres, lights…)
uniform float night;              // 0 by day, 1 at night: lamps glow

in vec4 p3d_Vertex;
in vec3 p3d_Normal;
in vec2 p3d_MultiTexCoord0;  // (colour slot, body part)
in vec4 p3d_Color;

out vec3 v_normal;
out vec3 v_albedo;
out float v_glow;
out vec4 v_tint;

const float HIP = 0.9;
const float SHOULDER = 1.42;
const float SEAT = 0.45;  // a bench's seat height (game/life/benches.py)

vec3 swing(vec3 p, vec3 n, float pivot, float angle, out vec3 n_out) {
    float c = cos(angle), s = sin(angle);
    vec3 q = vec3(p.x, p.y * c - (p.z - pivot) * s, p.y * s + (p.z - pivot) * c + pivot);
    n_out = vec3(n.x, n.y * c - n.z * s, n.y * s + n.z * c);
    return q;
}

void main() {
    int base = gl_InstanceID * 4;
    vec4 place = texelFetch(instances, base);      // x, y, z, heading (radians from +x)
    vec4 motion = texelFetch(instances, base + 1); // walk phase, swing amplitude, scale, flag (taxi / photo)
    vec4 col_a = texelFetch(instances, base + 2);  // top / body colour, skin shade
    vec4 col_b = texelFetch(instances, base + 3);  // bottom / accent colour, hair shade
    int slot = int(p3d_MultiTexCoord0.x + 0.5);
    int part = int(p3d_MultiTexCoord0.y + 0.5);
    vec3 p = p3d_Vertex.xyz;
    vec3 n = p3d_Normal;
    float phase = motion.x, amp = motion.y;
    bool sitting = motion.w > 1.5;  // motion.w = 2: on a bench, thighs forward, hands in the lap
    bool photo = motion.w > 0.5 && !sitting;
    if (part == 1 || part == 2) {
        p = swing(p, n, HIP, sitting ? 1.45 : (part == 1 ? 1.0 : -1.0) * amp * sin(phase), n);
    } else if (part == 3 || part == 4) {
        // walking: arms swing against the legs; standing with motion.w = 1: both raised, holding up a phone
        float arm = photo ? -1.35 : (sitting ? 0.35 : (part == 3 ? -0.8 : 0.8) * amp * sin(phase));
        p = swing(p, n, SHOULDER, arm, n);
    } else if (part == 5 && motion.w < 0.5) {
        p *= 0.0;  // the taxi sign, on taxis only
    }
    if (sitting) p.z -= HIP - SEAT;
    p.z += amp * 0.06 * abs(sin(phase));  // the body rises over each step
    p *= motion.z;
    float h = place.w - 1.5707963;  // bodies face +y
    float c = cos(h), s = sin(h);
    vec3 world = vec3(c * p.x - s * p.y + place.x, s * p.x + c * p.y + place.y, p.z + place.z);
    vec3 wn = vec3(c * n.x - s * n.y, s * n.x + c * n.y, n.z);
    gl_Position = p3d_ModelViewProjectionMatrix * vec4(world, 1.0);
    v_normal = normalize(mat3(p3d_ModelViewMatrix) * wn);
    vec3 albedo = slot_colour[slot];
    if (slot == 0) albedo = mix(vec3(0.62, 0.42, 0.32), vec3(0.8, 0.6, 0.48), col_a.w);      // skin
    else if (slot == 1) albedo = col_a.rgb;
    else if (slot == 2) albedo = col_b.rgb;
    else if (slot == 3) albedo = mix(vec3(0.02, 0.018, 0.016), vec3(0.2, 0.14, 0.1), col_b.w);  // hair
    else if (slot == 11) albedo = col_b.rgb;  // a signal's lamp shows its light
    v_albedo = albedo;
    v_glow = (slot == 8 || slot == 9) ? night : (slot == 11 ? 1.0 : 0.0);
    v_tint = p3d_Color;
}
