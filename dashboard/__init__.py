"""UI support for the CoP dashboard: cached data access, chart builders, theme, exports, privacy rules."""
