#pragma once
// One exception hierarchy for the whole program, caught once at the top.
// Error: the command failed (exit 1), ContentError among them for a file
// whose content is wrong. UsageError: the command line is wrong (exit 2).
// ValueError: a value that is not allowed (exit 2 on the command line).
// GateCrossed: a --fail-on threshold was reached (exit 3).
#include <stdexcept>
#include <string>

namespace riskmap {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UsageError : public Error {
 public:
  using Error::Error;
};

// A value that does not fit its field (a level off the scale, an unknown
// kind...). Core code throws it without knowing where the value came from;
// the command line turns it into a UsageError, an import into a row error.
class ValueError : public Error {
 public:
  using Error::Error;
};

// A file's content is wrong; the message says "file:line[:column]: what".
class ContentError : public Error {
 public:
  using Error::Error;
};

// A ref that names no record (exit 1).
class UnknownRef : public Error {
 public:
  using Error::Error;
};

// A write that clashes with what is stored: a ref that exists already, a
// record others still refer to (exit 1).
class Conflict : public Error {
 public:
  using Error::Error;
};

class GateCrossed : public Error {
 public:
  using Error::Error;
};

}  // namespace riskmap
