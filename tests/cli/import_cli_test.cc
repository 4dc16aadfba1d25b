// Placeholder: import CLI tests (being written).
