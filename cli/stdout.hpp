#pragma once
// Standard output through a buffer of our own, which remembers why a write
// failed (a full disk behind `> file` must be an error, not a silent loss),
// and which can hold what is printed until the command knows where it goes.
#include <string>

namespace riskmap::cli {

// Puts std::cout on the buffer; called once, before anything is printed.
void use_checked_stdout();
// The errno of the last failed write to standard output, or 0.
int stdout_error();

// From now on, what is printed to standard output is kept, not written.
void hold_stdout();
// What was kept since hold_stdout(), which stops keeping: the caller writes it.
std::string release_stdout();

}  // namespace riskmap::cli
