select key, value from build_info
