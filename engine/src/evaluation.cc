// Placeholder: matching evaluation (being written).
