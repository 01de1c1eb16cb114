#include "width.hpp"

#include <algorithm>
#include <numeric>

#include <utf8proc.h>

namespace riskmap {

namespace {

// The code point at byte `i`, moving `i` past it; -1 for an invalid byte
// (then `i` moves by one).
utf8proc_int32_t next_code_point(std::string_view text, std::size_t& i) {
  utf8proc_int32_t code = -1;
  const auto* at = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i);
  const utf8proc_ssize_t length =
      utf8proc_iterate(at, static_cast<utf8proc_ssize_t>(text.size() - i), &code);
  if (length <= 0) {
    ++i;
    return -1;
  }
  i += static_cast<std::size_t>(length);
  return code;
}

std::size_t code_point_width(utf8proc_int32_t code) {
  if (code < 0) return 1;
  if (code < 0x80) return code >= 0x20 && code != 0x7F ? 1 : 0;
  return static_cast<std::size_t>(std::max(0, utf8proc_charwidth(code)));
}

// Whether what starts at byte `k` stands apart from the cluster before
// it, whatever that is: nothing, ASCII, a Latin letter or sign (U+0080 to
// U+02FF, led by C2 to CB), or general punctuation (U+2000 to U+207F, led
// by E2 80 or E2 81) but for the two joiners U+200C and U+200D. Only marks,
// joiners and spacing marks join the cluster before them, and none of
// those is among these (CR LF, the one ASCII pair that joins, takes no
// column either way).
bool stands_apart(std::string_view text, std::size_t k) {
  if (k >= text.size()) return true;
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(k);
  if (lead < 0x80 || (lead >= 0xC2 && lead <= 0xCB)) return true;
  if (lead != 0xE2 || k + 1 == text.size() || (byte(k + 1) & 0xFE) != 0x80) return false;
  return !(byte(k + 1) == 0x80 && k + 2 < text.size() &&
           (byte(k + 2) == 0x8C || byte(k + 2) == 0x8D));
}

// The grapheme cluster starting at byte `i`: moves `i` past it and returns
// its width.
std::size_t next_grapheme(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char first = byte(i);
  // ASCII, a Latin letter or sign, or general punctuation, followed by
  // what stands apart, is a cluster of its own.
  if (first < 0x80 && stands_apart(text, i + 1)) {
    ++i;
    return code_point_width(first);
  }
  if (first >= 0xC2 && first <= 0xCB && i + 1 < text.size() && (byte(i + 1) & 0xC0) == 0x80 &&
      stands_apart(text, i + 2)) {
    const auto code = static_cast<utf8proc_int32_t>(((first & 0x1F) << 6) | (byte(i + 1) & 0x3F));
    i += 2;
    return code_point_width(code);
  }
  if (first == 0xE2 && i + 2 < text.size() && (byte(i + 1) & 0xFE) == 0x80 &&
      (byte(i + 2) & 0xC0) == 0x80 && stands_apart(text, i + 3)) {
    const auto code =
        static_cast<utf8proc_int32_t>(0x2000 | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F));
    i += 3;
    return code_point_width(code);
  }
  utf8proc_int32_t state = 0;
  utf8proc_int32_t previous = next_code_point(text, i);
  std::size_t width = code_point_width(previous);
  if (previous < 0) return width;
  while (i < text.size()) {
    std::size_t after = i;
    const utf8proc_int32_t code = next_code_point(text, after);
    if (code < 0 || utf8proc_grapheme_break_stateful(previous, code, &state)) break;
    width = std::max(width, code_point_width(code));
    previous = code;
    i = after;
  }
  return width;
}

// Appends the clusters of `word` to `lines`, `width` columns a line at most;
// the last, unfinished line is left in `line` (`used` columns).
void break_word(std::string_view word, std::size_t width, std::vector<std::string>& lines,
                std::string& line, std::size_t& used) {
  std::size_t i = 0;
  while (i < word.size()) {
    const std::size_t start = i;
    const std::size_t w = next_grapheme(word, i);
    if (used + w > width && !line.empty()) {
      lines.push_back(std::move(line));
      line.clear();
      used = 0;
    }
    line.append(word.substr(start, i - start));
    used += w;
  }
}

void wrap_paragraph(std::string_view text, std::size_t width, std::vector<std::string>& lines) {
  const std::size_t first = lines.size();
  std::string line;
  std::size_t used = 0;
  std::string_view spaces;  // between the line so far and the next word
  std::size_t i = 0;
  while (i < text.size()) {
    // A run of spaces, or a word up to a space or just after a hyphen.
    const bool space = text[i] == ' ';
    std::size_t end = i;
    while (end < text.size() && (text[end] == ' ') == space) {
      ++end;
      if (!space && text[end - 1] == '-') break;
    }
    const std::string_view token = text.substr(i, end - i);
    i = end;
    if (space) {
      spaces = token;
      continue;
    }
    const std::size_t w = display_width(token);
    // Spaces that start the text indent it; those at a break go.
    const std::size_t gap = line.empty() && lines.size() > first ? 0 : spaces.size();
    if (used + gap + w <= width) {
      line.append(gap ? spaces : std::string_view{});
      line.append(token);
      used += gap + w;
    } else {
      if (!line.empty()) {
        lines.push_back(std::move(line));
        line.clear();
        used = 0;
      }
      if (w <= width) {
        line.assign(token);
        used = w;
      } else {
        break_word(token, width, lines, line, used);
      }
    }
    spaces = {};
  }
  lines.push_back(std::move(line));
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0, i = 0;
  while (i < text.size()) {
    // A run of printable ASCII is a column a character, counted in one go;
    // but for its last character when what follows could join it (a mark:
    // next_grapheme tells).
    std::size_t end = i;
    while (end < text.size() && text[end] >= 0x20 && text[end] < 0x7F) ++end;
    if (end > i) {
      if (!stands_apart(text, end)) --end;
      width += end - i;
      i = end;
      if (i == text.size()) break;
    }
    width += next_grapheme(text, i);
  }
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::size_t used = 0, i = 0, kept = 0;
  while (i < text.size()) {
    const std::size_t w = next_grapheme(text, i);
    if (used + w > width - 1) break;
    used += w;
    kept = i;
  }
  std::string out(text.substr(0, kept));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

std::vector<std::string> wrap_to_width(std::string_view text, std::size_t width) {
  width = std::max<std::size_t>(width, 1);
  std::vector<std::string> lines;
  while (true) {
    const std::size_t feed = text.find('\n');
    wrap_paragraph(text.substr(0, feed), width, lines);
    if (feed == std::string_view::npos) break;
    text.remove_prefix(feed + 1);
  }
  return lines;
}

std::vector<std::size_t> shrink_widest(std::vector<std::size_t> widths,
                                       const std::vector<std::size_t>& minimums, std::size_t room) {
  std::size_t total = std::accumulate(widths.begin(), widths.end(), std::size_t{0});
  while (total > room) {
    std::size_t widest = widths.size();
    for (std::size_t c = 0; c < widths.size(); ++c)
      if (widths[c] > minimums[c] && (widest == widths.size() || widths[c] > widths[widest]))
        widest = c;
    if (widest == widths.size()) break;
    --widths[widest];
    --total;
  }
  return widths;
}

std::vector<std::size_t> shrink_in_proportion(std::vector<std::size_t> widths,
                                              const std::vector<std::size_t>& minimums,
                                              std::size_t room) {
  const std::size_t total = std::accumulate(widths.begin(), widths.end(), std::size_t{0});
  if (total <= room) return widths;
  std::size_t spare = 0;  // what the columns may give up, together
  for (std::size_t c = 0; c < widths.size(); ++c)
    if (widths[c] > minimums[c]) spare += widths[c] - minimums[c];
  if (spare == 0) return widths;
  const std::size_t need = std::min(total - room, spare);
  for (std::size_t c = 0; c < widths.size(); ++c)
    if (widths[c] > minimums[c]) widths[c] -= (widths[c] - minimums[c]) * need / spare;
  // Rounding down left a few columns over: the widest give them up.
  return shrink_widest(std::move(widths), minimums, room);
}

}  // namespace riskmap
