#version 330
// The held world's colour and depth, put back before anything live is drawn over it (game/render/still_world.py).
uniform sampler2D held_colour;
uniform sampler2D held_depth;
in vec2 uv;
out vec4 colour;

void main() {
    colour = texture(held_colour, uv);
    gl_FragDepth = texture(held_depth, uv).r;
}
