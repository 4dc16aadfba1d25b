// Placeholder: report CLI/browser tests (being written).
