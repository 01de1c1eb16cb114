// A workspace whose database another SQLite tool has written anything into:
// the example mission, with arbitrary values put into arbitrary cells, then
// read by what opening reads (the method in force, the rating bounds) and by
// every reader (listings, review, continuity, heat maps, exports, diff, SoA,
// journal, the deliverables). Each reader works or throws a
// riskmap::Error; anything else (another exception, a crash) is a finding.
//
// Input: lines "TABLE COLUMN ROW VALUE", ROW the row's rank in key order;
// VALUE is NULL, an integer, a fraction, x'HEX' (a blob) or else text.
#include <unistd.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "continuity.hpp"
#include "diff.hpp"
#include "error.hpp"
#include "example.hpp"
#include "framework.hpp"
#include "heatmap.hpp"
#include "journal.hpp"
#include "kinds.hpp"
#include "method_store.hpp"
#include "report/report.hpp"
#include "review.hpp"
#include "store.hpp"
#include "toml_check.hpp"
#include "transfer.hpp"
#include "workspace.hpp"

namespace fs = std::filesystem;
using namespace riskmap;

namespace {

// The example mission, made once per fuzzing process.
const fs::path& example_workspace() {
  static const fs::path dir = [] {
    const fs::path made =
        fs::temp_directory_path() / ("riskmap-fuzz-db-" + std::to_string(::getpid()));
    fs::remove_all(made);
    auto ws = Workspace::create(made, example_init_options(InitOptions{}), [](Workspace& w) {
      w.begin_write();
      load_example(w);
      w.commit();
    });
    return made;
  }();
  return dir;
}

std::string_view key_of(std::string_view table) {
  if (table == "framework") return "id";
  if (table == "soa") return "requirement";
  if (table == "journal" || table == "rating_bounds") return "id";
  if (table == "setting") return "key";
  return "ref";
}

bool is_name(std::string_view word) {
  if (word.empty()) return false;
  for (const char c : word)
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  return true;
}

void edit(Database& db, std::string_view line) {
  const auto first = line.find(' ');
  if (first == std::string_view::npos) return;
  const auto second = line.find(' ', first + 1);
  if (second == std::string_view::npos) return;
  const auto third = line.find(' ', second + 1);
  if (third == std::string_view::npos) return;
  const std::string_view table = line.substr(0, first);
  const std::string_view column = line.substr(first + 1, second - first - 1);
  const std::string_view row = line.substr(second + 1, third - second - 1);
  const std::string_view value = line.substr(third + 1);
  if (!is_name(table) || !is_name(column)) return;
  std::int64_t rank = 0;
  if (std::from_chars(row.data(), row.data() + row.size(), rank).ec != std::errc{}) return;
  // NULL, numbers and blobs go into the SQL as literals (checked above or
  // below to be nothing else); text is bound.
  std::string literal = "?2";
  std::int64_t number = 0;
  double fraction = 0;
  const char* const last = value.data() + value.size();
  if (value == "NULL") {
    literal = "NULL";
  } else if (std::from_chars(value.data(), last, number).ptr == last && !value.empty()) {
    literal = std::to_string(number);
  } else if (std::from_chars(value.data(), last, fraction).ptr == last && !value.empty()) {
    literal = std::to_string(fraction);
  } else if (value.size() >= 3 && value.starts_with("x'") && value.ends_with("'") &&
             value.size() % 2 == 1 &&
             value.substr(2, value.size() - 3).find_first_not_of("0123456789abcdefABCDEF") ==
                 std::string_view::npos) {
    literal = std::string(value);
  }
  const std::string key(key_of(table)), name(table);
  try {
    auto update = db.prepare("UPDATE \"" + name + "\" SET \"" + std::string(column) +
                             "\" = " + literal + " WHERE \"" + key + "\" = (SELECT \"" + key +
                             "\" FROM \"" + name + "\" ORDER BY 1 LIMIT 1 OFFSET ?1)");
    update.bind(1, rank);
    if (literal == "?2") update.bind(2, value);
    update.run();
  } catch (const DatabaseError&) {
    // No such table or column, a constraint: SQLite undid the statement alone.
  }
}

// Runs one reader: a riskmap::Error is an answer; anything else escapes.
template <typename Read>
void read(Read&& reader) {
  try {
    reader();
  } catch (const Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& dir = example_workspace();
  OpenOptions options;
  options.intent = Intent::write;  // the edits are rolled back when it goes
  options.author = "fuzz";
  std::unique_ptr<Workspace> ws;
  try {
    ws = Workspace::open(dir, options);
  } catch (const Error&) {
    return 0;
  }
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::size_t at = 0; at < input.size();) {
    const auto end = input.find('\n', at);
    edit(ws->db(), input.substr(at, end == std::string_view::npos ? end : end - at));
    at = end == std::string_view::npos ? input.size() : end + 1;
  }
  Workspace& w = *ws;
  // What opening reads: the method in force, the rating bounds, and, when
  // riskmap.toml differs, the ratings that would not fit it.
  read([&] {
    if (const auto stored = read_stored_method(w.db()))
      read_method(parse_toml(stored->toml, "method in force"), "method in force");
    bounds_fit(w.db(), w.method());
    ratings_off_scale(w.db(), w.method());
  });
  for (const EntityKind* kind : all_kinds())
    read([&] { RecordStore(w, *kind).for_each([](Record&) {}); });
  read([&] { run_review(w, ReviewOptions{}); });
  read([&] { analyse_continuity(w); });
  for (const Stage stage : all_stages) read([&] { heat_map(w, stage); });
  read([&] {
    std::ostringstream out;
    export_all_json(w, out, Lang::fr);
  });
  read([&] {
    std::ostringstream out;
    export_records(w, scenario_kind(), DataFormat::csv, out, Lang::en);
  });
  read([&] { diff_scenarios(w, w); });
  read([&] { for_each_soa_row(w.db(), "NIST-CSF", [](const SoaRow&) {}); });
  read([&] { read_journal(w.db(), JournalQuery{}); });
  // Two deliverables a run, chosen by the input, to keep runs quick.
  const auto deliverables = deliverable_list();
  for (const std::size_t pick : {size, size / 7 + 1}) {
    const auto& deliverable = deliverables[pick % deliverables.size()];
    if (deliverable.name == "evolution") continue;
    read([&] {
      ReportOptions report;
      report.today = Date::parse("2026-12-01");
      report.to_stdout = true;
      std::ostringstream out;
      render_reports(w, {deliverable.name}, report, out);
    });
  }
  return 0;
}
