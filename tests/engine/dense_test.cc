// Placeholder: dense tests (being written).
