// Placeholder: CSV/JSON/xlsx record readers (being written).
