#pragma once
// Runs the programs riskmap hands documents to (pandoc, LibreOffice), found
// on PATH: never through a shell, their output kept in a log file.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace riskmap {

// The program's path when an executable of that name is on PATH.
std::optional<std::filesystem::path> find_on_path(const std::string& name);

struct ProgramRun {
  std::vector<std::string> args;  // args[0] is the program, looked up on PATH
  std::filesystem::path directory;  // where it runs
  std::filesystem::path log;        // its standard output and errors go here
  std::vector<std::pair<std::string, std::string>> environment;  // set over riskmap's own
};

// Runs the program to its end, standard input from /dev/null; returns its
// exit status (128 + N when signal N ended it). Throws Error when it cannot
// be started.
int run_program(const ProgramRun& run);

// The last lines of a log, for an error message ("" when it is empty).
std::string log_tail(const std::filesystem::path& log, std::size_t lines = 8);

}  // namespace riskmap
