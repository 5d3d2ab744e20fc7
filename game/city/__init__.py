"""The city around the landmarks: streets, open areas and block massing. Pure (numpy meshes)."""
