"""The static export and its nginx configuration."""
