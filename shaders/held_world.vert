#version 330
// The held world's quad: a card from -1 to 1 in x and z, placed on the screen whatever the camera.
in vec4 p3d_Vertex;
out vec2 uv;

void main() {
    uv = p3d_Vertex.xz * 0.5 + 0.5;
    gl_Position = vec4(p3d_Vertex.xz, 0.0, 1.0);
}
