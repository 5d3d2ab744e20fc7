#version 330
// Rain streaks or snowflakes round the camera (game/render/precipitation.py): each segment's base drops with the
// time and wraps to the top of the column; a streak's tail trails up behind its head; flakes sway as they fall.
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform float fall_time;  // seconds of fall shown
uniform float speed;      // metres per second
uniform float streak;     // metres from head to tail
uniform float sway;       // metres of sideways drift (snow)
uniform float height;     // metres of the falling column

in vec4 p3d_Vertex;
in vec2 p3d_MultiTexCoord0;

out float v_tail;

void main() {
    vec3 p = p3d_Vertex.xyz;
    float z = mod(p.z - speed * fall_time, height) - 0.4 * height;
    float phase = fall_time * 0.9 + p.x * 0.37 + p.y * 0.23;
    vec3 drift = vec3(sin(phase), cos(phase * 0.8), 0.0) * sway;
    vec3 wind = vec3(0.12, 0.05, 1.0) * streak * p3d_MultiTexCoord0.x;  // rain leans a little with the wind
    gl_Position = p3d_ModelViewProjectionMatrix * vec4(vec3(p.xy + drift.xy, z) + wind, 1.0);
    v_tail = p3d_MultiTexCoord0.x;
}
