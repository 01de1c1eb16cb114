#include "text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace riskmap {

namespace {

// Decodes one code point at `i`, advancing it; returns nullopt when invalid.
std::optional<char32_t> decode(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1Fu, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0Fu, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07u, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (i + length > s.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char c = byte(i + k);
    if ((c & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += length;
  return cp;
}

// Base letter of the accented Latin letters French, Spanish, Portuguese and
// German use; 0 when the code point has none.
char base_letter(char32_t cp) {
  struct Range {
    char32_t from, to;
    char base;
  };
  static constexpr Range ranges[] = {
      {0xC0, 0xC5, 'a'}, {0xE0, 0xE5, 'a'}, {0xC7, 0xC7, 'c'}, {0xE7, 0xE7, 'c'},
      {0xC8, 0xCB, 'e'}, {0xE8, 0xEB, 'e'}, {0xCC, 0xCF, 'i'}, {0xEC, 0xEF, 'i'},
      {0xD1, 0xD1, 'n'}, {0xF1, 0xF1, 'n'}, {0xD2, 0xD6, 'o'}, {0xF2, 0xF6, 'o'},
      {0xD8, 0xD8, 'o'}, {0xF8, 0xF8, 'o'}, {0xD9, 0xDC, 'u'}, {0xF9, 0xFC, 'u'},
      {0xDD, 0xDD, 'y'}, {0xFD, 0xFD, 'y'}, {0xFF, 0xFF, 'y'}, {0x178, 0x178, 'y'},
  };
  for (const auto& r : ranges)
    if (cp >= r.from && cp <= r.to) return r.base;
  return 0;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Edits (insertions, deletions, substitutions, swaps of neighbours) from a to b.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t width = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * width);
  const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * width + j]; };
  for (std::size_t i = 0; i <= a.size(); ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= b.size(); ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      at(i, j) = std::min(
          {at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
    }
  return at(a.size(), b.size());
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // ASCII, the most of any text, eight bytes at a time.
    std::uint64_t word;
    if (text.size() - i >= sizeof word) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080u) == 0) {
        i += sizeof word;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (!decode(text, i)) return start;
  }
  return std::nullopt;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto cp = decode(text, i);
    if (!cp) {
      out += text[i++];
      continue;
    }
    if (*cp < 0x80) {
      const char c = static_cast<char>(*cp);
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (const char base = base_letter(*cp)) {
      out += base;
    } else if (*cp == 0x152 || *cp == 0x153) {
      out += "oe";
    } else if (*cp == 0xC6 || *cp == 0xE6) {
      out += "ae";
    } else if (*cp == 0xDF) {
      out += "ss";
    } else {
      append_utf8(out, *cp);
    }
  }
  return out;
}

int natural_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t si = i, sj = j;
      while (si < a.size() && a[si] == '0') ++si;
      while (sj < b.size() && b[sj] == '0') ++sj;
      std::size_t ei = si, ej = sj;
      while (ei < a.size() && is_digit(a[ei])) ++ei;
      while (ej < b.size() && is_digit(b[ej])) ++ej;
      if (ei - si != ej - sj) return ei - si < ej - sj ? -1 : 1;
      if (const int c = a.substr(si, ei - si).compare(b.substr(sj, ej - sj)); c != 0)
        return c < 0 ? -1 : 1;
      i = ei, j = ej;
    } else {
      if (a[i] != b[j])
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
      ++i, ++j;
    }
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);  // "R01" vs "R1": stable tie-break
}

std::uint64_t natural_key(std::string_view text) {
  // The text as a stream of bits, ordered as natural_compare orders texts:
  // a byte for each character outside digit runs; for a digit run, the
  // byte '0' (a character cannot be one there: it compares with the others
  // as any digit does), the count of its digits after leading zeros (a
  // byte), then those digits, 4 bits each. Two streams stay in step while
  // they are equal, so the first difference decides as natural_compare
  // would; the key is the stream's first 64 bits.
  std::uint64_t key = 0;
  int room = 64;
  // Appends the `width` low bits of `value`; false once the key is full.
  const auto put = [&](std::uint64_t value, int width) {
    if (width >= room) {
      key |= value >> (width - room);
      room = 0;
      return false;
    }
    room -= width;
    key |= value << room;
    return true;
  };
  for (std::size_t i = 0; i < text.size();) {
    if (!is_digit(text[i])) {
      if (!put(static_cast<unsigned char>(text[i]), 8)) return key;
      ++i;
      continue;
    }
    std::size_t start = i;
    while (start < text.size() && text[start] == '0') ++start;
    std::size_t end = start;
    while (end < text.size() && is_digit(text[end])) ++end;
    // A run of 255 digits or more: its count is the key's last byte.
    if (!put('0', 8) || !put(std::min<std::size_t>(end - start, 255), 8) || end - start >= 255)
      return key;
    for (std::size_t d = start; d < end; ++d)
      if (!put(static_cast<std::uint64_t>(text[d] - '0'), 4)) return key;
    i = end;
  }
  return key;
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates) {
  const std::string folded = fold(word);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::string other = fold(candidate);
    // Equal but for case or accents ("r1" for "R1"): nothing is nearer.
    if (other == folded) {
      if (candidate != word) return candidate;
      continue;
    }
    // A word that is the start of a candidate ("ebios" for "ebios-rm") is near.
    const std::size_t d =
        folded.size() >= 3 && other.size() > folded.size() && other.starts_with(folded)
            ? 1
            : edit_distance(folded, other);
    if (!best || d < best_distance) best = candidate, best_distance = d;
  }
  const std::size_t allowed = folded.size() <= 3 ? 1 : folded.size() <= 8 ? 2 : 3;
  if (best && best_distance <= allowed && best_distance > 0) return best;
  return std::nullopt;
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  if (auto match = closest_match(word, candidates)) return " (did you mean '" + *match + "'?)";
  return {};
}

bool is_valid_ref(std::string_view ref) {
  if (ref.empty() || ref.size() > 64) return false;
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
  };
  if (!alnum(ref[0])) return false;
  return std::all_of(ref.begin(), ref.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& i) {
  return decode(text, i);
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  TerminalFilter filter;
  filter.feed(text, out);
  filter.finish(out);
  return out;
}

void TerminalFilter::feed(std::string_view piece, std::string& out) {
  if (cut_.empty()) return run(piece, out);
  std::string joined = std::move(cut_);
  cut_.clear();
  joined.append(piece);
  run(joined, out);
}

void TerminalFilter::finish(std::string& out) {
  if (!cut_.empty()) out += "\uFFFD";
  cut_.clear();
  state_ = State::text;
}

void TerminalFilter::run(std::string_view text, std::string& out) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = byte(i);
    switch (state_) {
      case State::text:
        break;
      case State::escape:
        // What follows ESC: a CSI or a string opens; anything else is shown
        // as text, the ESC alone dropped (a lone ESC).
        if (c == '[') {
          state_ = State::csi;
          ++i;
        } else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
          state_ = State::string;  // OSC, DCS, SOS, PM, APC
          ++i;
        } else {
          state_ = State::text;
        }
        continue;
      case State::csi:
        // Parameter and intermediate bytes, then a final byte ends it; any
        // other byte ends it too, and is read as text.
        if (c >= 0x20 && c <= 0x3F) {
          ++i;
        } else {
          state_ = State::text;
          if (c >= 0x40 && c <= 0x7E) ++i;
        }
        continue;
      case State::string:
        if (c == 0x07) state_ = State::text;
        if (c == 0x1B) state_ = State::string_escape;
        ++i;
        continue;
      case State::string_escape:
        // ESC \ (ST) ends the string; an ESC before anything else starts a
        // new sequence.
        state_ = State::escape;
        if (c == '\\') {
          state_ = State::text;
          ++i;
        }
        continue;
    }
    // Text: printable characters and line feeds are copied a run at a time.
    std::size_t plain = i;
    while (plain < text.size()) {
      const unsigned char b = byte(plain);
      if ((b >= 0x20 && b < 0x7F) || b == '\n') {
        ++plain;
        continue;
      }
      std::size_t next = plain;
      if (b < 0xC2) break;  // a control, or no lead byte
      if (const auto cp = decode(text, next); !cp || *cp <= 0x9F) break;  // invalid, or C1
      plain = next;
    }
    out.append(text, i, plain - i);
    i = plain;
    if (i == text.size()) break;
    const unsigned char d = byte(i);
    if (d == 0x1B) {
      state_ = State::escape;
      ++i;
    } else if (d == '\t') {
      out += ' ';
      ++i;
    } else if (d < 0x80) {
      ++i;  // another C0 control, or DEL
    } else if (const std::size_t start = i; const auto cp = decode(text, i)) {
      if (*cp > 0x9F) out.append(text, start, i - start);  // C1 controls dropped
    } else {
      // A character cut by the end of the piece waits for the next one.
      const std::size_t length = d >= 0xF5 ? 0 : d >= 0xF0 ? 4 : d >= 0xE0 ? 3 : d >= 0xC2 ? 2 : 0;
      bool cut = length && start + length > text.size();
      for (std::size_t k = start + 1; cut && k < text.size(); ++k) cut = (byte(k) & 0xC0) == 0x80;
      if (cut) {
        cut_.assign(text.substr(start));
        return;
      }
      out += "\uFFFD";
      ++i;
    }
  }
}

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> items;
  while (true) {
    const auto at = text.find(separator);
    const auto item = trim(text.substr(0, at));
    if (!item.empty()) items.emplace_back(item);
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return items;
}

std::string join(std::span<const std::string> items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string quoted_list(std::span<const std::string> items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += "'" + items[i] + "'";
  }
  return out;
}

}  // namespace riskmap
