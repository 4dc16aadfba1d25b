// Placeholder: fairness tests (being written).
