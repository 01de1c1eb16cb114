#pragma once

namespace riskmap::cli {

// Parses the command line, runs the command and returns the exit code
// (SPEC §4): 0 success, 1 failure, 2 bad command line, 3 gate crossed.
int run(int argc, char** argv);

}  // namespace riskmap::cli
