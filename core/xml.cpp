#include "xml.hpp"

#include <expat.h>

#include <climits>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "error.hpp"

namespace riskmap::xml {

namespace {

// Expat names a namespaced name "uri|local": the local name.
std::string_view local_name(const char* name) {
  const std::string_view full(name);
  const auto bar = full.rfind('|');
  return bar == std::string_view::npos ? full : full.substr(bar + 1);
}

}  // namespace

const char* Attributes::find(std::string_view name) const {
  for (const char** at = list_; at && *at; at += 2)
    if (local_name(at[0]) == name) return at[1];
  return nullptr;
}

// Expat calls C functions: an exception must not cross them. Each callback
// catches what the handler throws, keeps it and stops the parser; feed()
// throws it again.
struct Parser::Callbacks {
  static Parser& self(void* data) { return *static_cast<Parser*>(data); }

  template <typename Call>
  static void guarded(void* data, Call&& call) {
    Parser& parser = self(data);
    if (parser.failure_ || parser.stopped_) return;
    try {
      call(parser);
    } catch (...) {
      parser.failure_ = std::current_exception();
      XML_StopParser(static_cast<XML_Parser>(parser.parser_), XML_FALSE);
    }
  }

  static void start(void* data, const XML_Char* name, const XML_Char** attributes) {
    guarded(data, [&](Parser& p) { p.handler_.start(local_name(name), Attributes(attributes)); });
  }
  static void end(void* data, const XML_Char* name) {
    guarded(data, [&](Parser& p) { p.handler_.end(local_name(name)); });
  }
  static void text(void* data, const XML_Char* chars, int length) {
    guarded(data, [&](Parser& p) {
      p.handler_.text(std::string_view(chars, static_cast<std::size_t>(length)));
    });
  }
  static void doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    guarded(data, [](Parser& p) {
      throw ContentError(fmt::format(
          "{}: a document type declaration (DOCTYPE), which a workbook's parts never have",
          p.where_));
    });
  }
};

Parser::Parser(Handler& handler, std::string where)
    : parser_(XML_ParserCreateNS(nullptr, '|')), handler_(handler), where_(std::move(where)) {
  if (!parser_) throw std::bad_alloc();
  auto* parser = static_cast<XML_Parser>(parser_);
  XML_SetUserData(parser, this);
  XML_SetElementHandler(parser, Callbacks::start, Callbacks::end);
  XML_SetCharacterDataHandler(parser, Callbacks::text);
  XML_SetStartDoctypeDeclHandler(parser, Callbacks::doctype);
}

Parser::~Parser() { XML_ParserFree(static_cast<XML_Parser>(parser_)); }

void Parser::stop() {
  if (stopped_) return;
  stopped_ = true;
  XML_StopParser(static_cast<XML_Parser>(parser_), XML_FALSE);
}

void Parser::feed(std::string_view chunk, bool last) {
  if (stopped_ && !failure_) return;
  auto* parser = static_cast<XML_Parser>(parser_);
  while (true) {
    // Expat takes an int length: a larger chunk goes in pieces.
    const std::size_t size = std::min<std::size_t>(chunk.size(), INT_MAX / 2);
    const bool final = last && size == chunk.size();
    const XML_Status status =
        XML_Parse(parser, chunk.data(), static_cast<int>(size), final ? XML_TRUE : XML_FALSE);
    if (failure_) std::rethrow_exception(failure_);
    if (status == XML_STATUS_ERROR) {
      if (stopped_) return;
      throw ContentError(fmt::format("{}:{}:{}: malformed XML: {}", where_,
                                     XML_GetCurrentLineNumber(parser),
                                     XML_GetCurrentColumnNumber(parser) + 1,
                                     XML_ErrorString(XML_GetErrorCode(parser))));
    }
    chunk.remove_prefix(size);
    if (chunk.empty()) return;
  }
}

void parse_part(const zip::Archive& archive, std::string_view part, Handler& handler) {
  auto reader = archive.open(part);
  Parser parser(handler, fmt::format("{}: {}", archive.source(), part));
  std::vector<char> buffer(1 << 16);
  while (!parser.stopped()) {
    const std::size_t count = reader.read(buffer.data(), buffer.size());
    parser.feed(std::string_view(buffer.data(), count), count == 0);
    if (count == 0) break;
  }
}

}  // namespace riskmap::xml
