// Placeholder: eval matching command (being written).
