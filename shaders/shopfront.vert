#version 330
// Shop fronts at street level (game/city/facades.py): uv in metres along and up the façade, the
// colour the façade's random seed and its shop style.
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat3 p3d_NormalMatrix;

in vec4 p3d_Vertex;
in vec3 p3d_Normal;
in vec4 p3d_Color;
in vec2 p3d_MultiTexCoord0;

out vec3 v_normal;
out vec2 v_uv;
flat out vec3 v_seed;

void main() {
    gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex;
    v_normal = p3d_NormalMatrix * p3d_Normal;
    v_uv = p3d_MultiTexCoord0;
    v_seed = p3d_Color.rgb;
}
