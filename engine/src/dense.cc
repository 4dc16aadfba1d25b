// Placeholder: dense kernels (being written).
