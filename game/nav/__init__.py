"""Walking and teleporting around the district."""
