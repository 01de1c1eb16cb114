#pragma once
// Standard output through a buffer of our own, which remembers why a write
// failed: a full disk behind `> file` must be an error, not a silent loss.

namespace riskmap::cli {

// Puts std::cout on the buffer; called once, before anything is printed.
void use_checked_stdout();
// The errno of the last failed write to standard output, or 0.
int stdout_error();

}  // namespace riskmap::cli
