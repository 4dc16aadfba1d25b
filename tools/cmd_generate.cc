// skillmatch generate (being written)
#include "cli.h"

namespace skillmatch::cli {
void AddGenerateCommand(CLI::App&, int*) {}
}  // namespace skillmatch::cli
