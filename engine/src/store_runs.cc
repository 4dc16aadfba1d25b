// Placeholder: Store match-run methods (being written).
