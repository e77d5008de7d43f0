// Placeholder translation unit until the first model lands (the dashboard issue).
