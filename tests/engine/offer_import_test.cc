// Placeholder: import tests (being written).
