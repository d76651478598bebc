"""The headless commands: each maps its options onto the core and writes what it gives."""
