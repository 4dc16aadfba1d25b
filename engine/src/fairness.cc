// Placeholder: fairness audit (being written).
