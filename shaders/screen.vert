#version 330
// The media screens on the towers by Gwanghwamun Square (game/city/screens.py) and their lines of Hangul.
uniform mat4 p3d_ModelViewProjectionMatrix;

in vec4 p3d_Vertex;
in vec4 p3d_Color;
in vec2 p3d_MultiTexCoord0;

out vec2 v_uv;
out vec3 v_colour;

void main() {
    gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex;
    v_uv = p3d_MultiTexCoord0;
    v_colour = p3d_Color.rgb;
}
