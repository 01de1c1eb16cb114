#pragma once
// XML read as a stream with expat: the text is fed chunk by chunk and the
// handler is called element by element, so memory does not grow with the
// document. Names are given without their namespace ("row", "id" for
// r:id), which reads transitional and strict OOXML alike. A document type
// declaration is refused (OOXML has none; entities could blow up).
#include <cstddef>
#include <exception>
#include <string>
#include <string_view>

#include "zip.hpp"

namespace riskmap::xml {

// The attributes of an element, as expat gives them.
class Attributes {
 public:
  explicit Attributes(const char** list) : list_(list) {}
  // The value of the attribute of that local name; nullptr when absent.
  const char* find(std::string_view name) const;

 private:
  const char** list_;
};

class Handler {
 public:
  virtual ~Handler() = default;
  virtual void start(std::string_view name, const Attributes& attributes) = 0;
  virtual void end(std::string_view name) = 0;
  // Character data, in pieces.
  virtual void text(std::string_view) {}
};

class Parser {
 public:
  // `where` names the document in messages: "file.xlsx: xl/workbook.xml".
  Parser(Handler& handler, std::string where);
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  // Parses a chunk; `last` for the end of the document. A handler's
  // exception comes out of here; malformed XML throws ContentError
  // "where:line:column: malformed XML: ...".
  void feed(std::string_view chunk, bool last);
  // Stops the parse (from a handler): the document's rest is not read.
  void stop();
  bool stopped() const { return stopped_; }

 private:
  struct Callbacks;
  void* parser_;  // XML_Parser
  Handler& handler_;
  std::string where_;
  std::exception_ptr failure_;
  bool stopped_ = false;
};

// Parses a whole part of an archive, chunk by chunk.
void parse_part(const zip::Archive& archive, std::string_view part, Handler& handler);

}  // namespace riskmap::xml
