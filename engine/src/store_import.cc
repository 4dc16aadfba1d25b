// Placeholder: Store import methods (being written).
