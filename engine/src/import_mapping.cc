// Placeholder: import mapping files (being written).
