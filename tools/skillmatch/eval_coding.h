// skillmatch eval coding: how well the title coder codes held-out job titles
// of published taxonomies, beside two plain baselines measured in the same
// run.
#pragma once

#include <CLI/CLI.hpp>

namespace skillmatch::cli {

// Adds `coding` under the `eval` group.
void AddEvalCodingCommand(CLI::App* eval, int* exit_code);

}  // namespace skillmatch::cli
