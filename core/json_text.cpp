#include "json_text.hpp"

#include <iterator>

#include <fmt/format.h>

namespace riskmap {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  out += '"';
}

void write_json_string(std::ostream& out, std::string_view text) {
  std::string quoted;
  append_json_string(quoted, text);
  out << quoted;
}

void append_json_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

namespace {

class ListReader {
 public:
  explicit ListReader(std::string_view json) : json_(json) {}

  bool read(std::vector<std::string>& items) {
    items.clear();
    if (!take('[')) return false;
    if (take(']')) return at_end();
    do {
      if (!string(items.emplace_back())) return false;
    } while (take(','));
    return take(']') && at_end();
  }

 private:
  void skip_space() {
    while (at_ < json_.size() &&
           (json_[at_] == ' ' || json_[at_] == '\n' || json_[at_] == '\r' || json_[at_] == '\t'))
      ++at_;
  }
  bool take(char c) {
    skip_space();
    if (at_ >= json_.size() || json_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool at_end() {
    skip_space();
    return at_ == json_.size();
  }
  std::optional<unsigned> hex4() {
    if (json_.size() - at_ < 4) return std::nullopt;
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = json_[at_++];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= static_cast<unsigned>(c - 'A' + 10);
      else
        return std::nullopt;
    }
    return value;
  }
  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }
  bool escape(std::string& out) {
    if (at_ >= json_.size()) return false;
    const char c = json_[at_++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out += c;
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    auto code = hex4();
    if (!code || (*code >= 0xDC00 && *code < 0xE000)) return false;
    if (*code >= 0xD800 && *code < 0xDC00) {  // a surrogate pair
      if (json_.substr(at_, 2) != "\\u") return false;
      at_ += 2;
      const auto low = hex4();
      if (!low || *low < 0xDC00 || *low >= 0xE000) return false;
      code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
    }
    append_utf8(out, *code);
    return true;
  }
  bool string(std::string& out) {
    if (!take('"')) return false;
    while (at_ < json_.size()) {
      const std::size_t plain = at_;
      while (at_ < json_.size() && json_[at_] != '"' && json_[at_] != '\\' &&
             static_cast<unsigned char>(json_[at_]) >= 0x20)
        ++at_;
      out.append(json_.data() + plain, at_ - plain);
      if (at_ >= json_.size()) return false;
      const char c = json_[at_++];
      if (c == '"') return true;
      if (c != '\\' || !escape(out)) return false;
    }
    return false;
  }

  std::string_view json_;
  std::size_t at_ = 0;
};

}  // namespace

bool read_json_list(std::string_view json, std::vector<std::string>& items) {
  return ListReader(json).read(items);
}

}  // namespace riskmap
