#pragma once
// Private scratch files for data too large to hold in memory.
#include <string>

namespace riskmap {

// $TMPDIR, else /tmp.
std::string temporary_folder();

// A file in `folder` that nobody else can open, closed on exec: without a
// name (O_TMPFILE) where the file system allows it, else named, 0600, and
// unlinked at once. Its descriptor, or -1 with errno set.
int open_unnamed_file(const std::string& folder);

}  // namespace riskmap
