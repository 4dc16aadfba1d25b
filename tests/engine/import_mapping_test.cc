// Placeholder: mapping tests (being written).
