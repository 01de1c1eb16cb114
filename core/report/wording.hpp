#pragma once
// Wording shared by the plan deliverables (action plan, statement of
// applicability, ecosystem, continuity, recommendations): numbers, durations,
// quotations and lists of refs, written as each language writes them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "date.hpp"
#include "error.hpp"
#include "method.hpp"
#include "text.hpp"

namespace riskmap::wording {

inline constexpr const char* nbsp = "\u00a0";         // before ':' and inside « »
inline constexpr const char* narrow_nbsp = "\u202f";  // thousands separator in French

// Natural order ("R2" before "R10"), then byte order, so that refs the
// natural order finds equal ("R01", "R1") still sort the same way every time.
inline bool ref_less(const std::string& a, const std::string& b) {
  const int natural = natural_compare(a, b);
  return natural != 0 ? natural < 0 : a < b;
}

// Names of people or teams: accent- and case-insensitively, then byte order.
inline bool name_less(const std::string& a, const std::string& b) {
  const std::string fa = fold(a), fb = fold(b);
  return fa != fb ? fa < fb : a < b;
}

// "5 décembre 2026" in French ("1er" for the first day), "5 December 2026"
// in English: dates in running text and on a cover.
inline std::string long_date(const Date& date, Lang lang) {
  static constexpr const char* fr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                       "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static constexpr const char* en[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  if (date.month < 1 || date.month > 12) return date.to_string();
  if (lang == Lang::fr)
    return fmt::format("{}{}{}{} {}", date.day, date.day == 1 ? "er" : "", nbsp, fr[date.month - 1],
                       date.year);
  return fmt::format("{} {} {}", date.day, en[date.month - 1], date.year);
}

// The organisation's name as a sentence takes it: French puts an article
// before most names ("la Caisse…", "du Ministère…", "à l’Agence…") and a
// name cannot tell which, so [mission] organisation_article says it; without
// one, French phrases around it ("l’organisme CNSP"). English takes the name
// as it is.
struct NameForms {
  std::string the;  // "la Caisse…", "the organisation's name"
  std::string of;   // "de la Caisse…", "du Ministère…", "of …"
  std::string to;   // "à la Caisse…", "au Ministère…", "to …"
};

inline bool starts_with_vowel(std::string_view text) {
  static constexpr std::string_view vowels[] = {
      "A", "E", "I", "O", "U", "Y", "a", "e", "i", "o", "u", "y", "À", "Â", "É", "È", "Ê", "Ë",
      "Î", "Ï", "Ô", "Ö", "Ù", "Û", "Ü", "à", "â", "é", "è", "ê", "ë", "î", "ï", "ô", "ö", "ù", "û", "ü"};
  return std::any_of(std::begin(vowels), std::end(vowels),
                     [&](std::string_view v) { return text.substr(0, v.size()) == v; });
}

// `article` is one of "la", "le", "l’", "les", "" (a name that takes none),
// as riskmap.toml's reader normalised it, or unset.
inline NameForms name_forms(const std::string& name, const std::optional<std::string>& article,
                            Lang lang) {
  if (lang == Lang::en) return {name, "of " + name, "to " + name};
  if (!article) return {"l’organisme " + name, "de l’organisme " + name, "à l’organisme " + name};
  if (*article == "la") return {"la " + name, "de la " + name, "à la " + name};
  if (*article == "le") return {"le " + name, "du " + name, "au " + name};
  if (*article == "l’") return {"l’" + name, "de l’" + name, "à l’" + name};
  if (*article == "les") return {"les " + name, "des " + name, "aux " + name};
  return {name, (starts_with_vowel(name) ? "d’" : "de ") + name, "à " + name};
}

// A date a record holds ("2026-12-05") in long form; text that is no date
// (empty, or written by another program) as it is.
inline std::string long_date(std::string_view iso, Lang lang) {
  if (iso.empty()) return {};
  try {
    return long_date(Date::parse(iso), lang);
  } catch (const std::exception&) {
    return std::string(iso);
  }
}

// 12 345 in French, 12,345 in English.
inline std::string whole_number(std::int64_t value, Lang lang) {
  const bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  std::string out;
  const std::string separator = lang == Lang::fr ? narrow_nbsp : ",";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

// An amount in the mission's currency, as each language writes it:
// "12 000 DH" and "MAD 12,000" for the dirham, "12 000 €" and "€12,000",
// otherwise the ISO code ("12 000 XOF", "XOF 12,000"); bare without one.
inline std::string money(std::int64_t value, const std::optional<std::string>& currency, Lang lang) {
  const std::string number = whole_number(value, lang);
  if (!currency || currency->empty()) return number;
  const std::string& code = *currency;
  if (lang == Lang::fr) {
    const std::string symbol = code == "MAD" ? "DH" : code == "EUR" ? "€" : code == "USD" ? "$ US" : code;
    return number + nbsp + symbol;
  }
  if (code == "EUR") return "€" + number;
  if (code == "USD") return "$" + number;
  if (code == "GBP") return "£" + number;
  return code + " " + number;
}

// At most two decimals, trailing zeros dropped: 2,5 in French, 2.5 in English.
inline std::string decimal(double value, Lang lang) {
  std::string text = fmt::format("{:.2f}", std::round(value * 100) / 100);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (lang == Lang::fr) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// 40 % in French, 40% in English.
inline std::string percent(std::int64_t value, Lang lang) {
  return lang == Lang::fr ? fmt::format("{}{}%", value, nbsp) : fmt::format("{}%", value);
}

// The share `part` of `whole`, rounded down, as a percentage.
inline std::string share(std::size_t part, std::size_t whole, Lang lang) {
  return percent(whole == 0 ? 0 : static_cast<std::int64_t>(part * 100 / whole), lang);
}

// A duration as people read it: "2 jours", "4 h", "1 h 30 min" / "2 days", "4 h".
inline std::string duration(std::int64_t minutes, Lang lang) {
  const bool fr = lang == Lang::fr;
  const auto unit = [&](std::int64_t n, const char* fr_one, const char* fr_many, const char* en_one,
                        const char* en_many) {
    return fmt::format("{}{}{}", n, nbsp,
                       fr ? (n == 1 ? fr_one : fr_many) : (n == 1 ? en_one : en_many));
  };
  constexpr std::int64_t hour = 60, day = 24 * hour, week = 7 * day;
  if (minutes > 0 && minutes % week == 0)
    return unit(minutes / week, "semaine", "semaines", "week", "weeks");
  if (minutes > 0 && minutes % day == 0) return unit(minutes / day, "jour", "jours", "day", "days");
  if (minutes > 0 && minutes % hour == 0) return fmt::format("{}{}h", minutes / hour, nbsp);
  if (minutes > hour)
    return fmt::format("{}{}h{}{}{}min", minutes / hour, nbsp, nbsp, minutes % hour, nbsp);
  return fmt::format("{}{}min", minutes, nbsp);
}

// « text » in French, “text” in English.
inline std::string quoted(std::string_view text, Lang lang) {
  return lang == Lang::fr ? fmt::format("«{}{}{}»", nbsp, text, nbsp)
                          : fmt::format("\u201c{}\u201d", text);
}

// "R1, R4, R9 et 3 autres" / "R1, R4, R9 and 3 more": the first refs and how many more.
inline std::string refs_text(const std::vector<std::string>& refs, std::size_t shown, Lang lang) {
  std::vector<std::string> first(refs.begin(),
                                 refs.begin() + static_cast<long>(std::min(shown, refs.size())));
  std::string text = join(first, ", ");
  if (refs.size() > shown)
    text += lang == Lang::fr ? fmt::format(" et {} autre{}", refs.size() - shown,
                                           refs.size() - shown > 1 ? "s" : "")
                             : fmt::format(" and {} more", refs.size() - shown);
  return text;
}

// "et 3 autres" / "and 3 more".
inline std::string more_text(std::size_t more, Lang lang) {
  return lang == Lang::fr
             ? fmt::format("et {} autre{}", whole_number(static_cast<std::int64_t>(more), lang),
                           more > 1 ? "s" : "")
             : fmt::format("and {} more", whole_number(static_cast<std::int64_t>(more), lang));
}

// A list a document cuts: its first `shown` items, then how many more and
// where the whole list is, "R1, R4, R9 et 3 autres, voir l’annexe" /
// "R1, R4, R9 and 3 more, see the annex"; the whole list when it fits.
inline std::string cut_list(const std::vector<std::string>& items, std::size_t shown, Lang lang,
                            std::string_view see, std::string_view separator = ", ") {
  if (items.size() <= shown) return join(items, separator);
  const std::vector<std::string> first(items.begin(), items.begin() + static_cast<long>(shown));
  return fmt::format("{} {}, {} {}", join(first, separator), more_text(items.size() - shown, lang),
                     lang == Lang::fr ? "voir" : "see", see);
}

// "A, B et C" / "A, B and C".
inline std::string and_list(const std::vector<std::string>& items, Lang lang) {
  if (items.size() < 2) return join(items, "");
  const std::vector<std::string> first(items.begin(), items.end() - 1);
  return fmt::format("{} {} {}", join(first, ", "), lang == Lang::fr ? "et" : "and", items.back());
}

// "Label : " in French (no-break space before the colon), "Label: " in English.
inline std::string colon(Lang lang) {
  return lang == Lang::fr ? fmt::format("{}: ", nbsp) : ": ";
}

}  // namespace riskmap::wording
