// Placeholder: import offers, review list|set (being written).
