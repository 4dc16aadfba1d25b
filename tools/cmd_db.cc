// skillmatch db|profiles|offers (being written)
#include "cli.h"

namespace skillmatch::cli {
void AddDbCommands(CLI::App&, int*) {}
}  // namespace skillmatch::cli
