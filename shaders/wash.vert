#version 330
// Light thrown on a wall by a nearby lantern (game/festivals/sculptures.py wall_washes): a quad added over the wall.
uniform mat4 p3d_ModelViewProjectionMatrix;

in vec4 p3d_Vertex;
in vec4 p3d_Color;
in vec2 p3d_MultiTexCoord0;

out vec3 v_colour;
out vec2 v_uv;

void main() {
    gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex;
    v_colour = p3d_Color.rgb;
    v_uv = p3d_MultiTexCoord0;
}
