"""danvan: the platform of the "Dân vận khéo" emulation movement."""
