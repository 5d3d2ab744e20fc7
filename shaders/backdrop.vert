#version 330
// The mountains and N Seoul Tower (game/terrain.py): far away, so lit by the sun and the ambient only, per
// vertex colour, no textures and no shadow map: a fraction of the PBR shader's cost on a software rasterizer.
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat3 p3d_NormalMatrix;
uniform mat4 p3d_ModelViewMatrix;

in vec4 p3d_Vertex;
in vec3 p3d_Normal;
in vec4 p3d_Color;

out vec3 v_normal;
out vec3 v_albedo;
out vec3 v_view;

void main() {
    gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex;
    v_normal = p3d_NormalMatrix * p3d_Normal;
    v_albedo = p3d_Color.rgb;
    v_view = (p3d_ModelViewMatrix * p3d_Vertex).xyz;
}
