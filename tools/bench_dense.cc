// Placeholder: dense benchmark (being written).
int main() { return 0; }
