// Placeholder: evaluation tests (being written).
