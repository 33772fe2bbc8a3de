"""The facade's resources, one module per area of the platform."""
