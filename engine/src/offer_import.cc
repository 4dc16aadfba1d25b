// Placeholder: offer import pipeline (being written).
