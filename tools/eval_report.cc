// Placeholder: evaluation report (being written).
