"""Looking at a network: diagnosis, gradient check, output and loss landscapes, safe ranges."""
