#pragma once
// Bulk import and export of records (SPEC §4): CSV with a header row, or JSON.
// An import is all-or-nothing: any bad row and nothing is written.
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "entity.hpp"
#include "mapping.hpp"
#include "workspace.hpp"

namespace riskmap {

namespace xlsx {
class Workbook;
}

enum class OnConflict { fail, skip, update };
OnConflict parse_on_conflict(std::string_view text);  // throws ValueError

enum class DataFormat { csv, json };

struct ImportOptions {
  const EntityKind* kind = nullptr;  // nullptr: a JSON document naming its kinds
  DataFormat format = DataFormat::csv;
  OnConflict on_conflict = OnConflict::fail;
  // With OnConflict::update, an empty cell leaves the stored value and a
  // cell holding "-" clears it; with clear_empty, an empty cell clears it too.
  bool clear_empty = false;
  std::string source;  // the file name in messages ("-" reads as "stdin")
  Lang lang = Lang::fr;
  // A CSV file or a sheet of the organisation's own, read through a mapping
  // of its columns (mapping.hpp); its kind is `kind`.
  const Mapping* mapping = nullptr;
  // A workbook's sheet (import_workbook): its position, and the sheet's row
  // number of its header (rows above are titles); 0: the mapping's [file]
  // header_row, else the first row holding a value.
  std::size_t sheet = 0;
  std::size_t header_row = 0;
};

struct ImportCount {
  std::string kind;  // plural, e.g. "assets"
  std::size_t added = 0, updated = 0, skipped = 0;
  // Rows of an update that change nothing the record holds (a register
  // sent back with only some rows edited): not written, not journalled.
  std::size_t unchanged = 0;
};

// A record a mapped scenario import created because a cell named it and
// nothing matched: an asset, or a control (existing or planned).
struct CreatedRecord {
  std::string kind;  // "asset" or "control"
  std::string ref, name;
};

struct ImportResult {
  std::vector<ImportCount> counts;
  std::vector<std::string> refs;  // refs written, for the journal (the first ones)
  std::size_t total_refs = 0;
  std::vector<CreatedRecord> created;  // in the order they were created
  std::vector<std::string> notes;      // for the user, e.g. how the file was decoded
};

// Reads records into the workspace's database, inside the caller's
// transaction. Bad rows throw ImportError listing them all (the first 20,
// then a count); the caller's transaction then rolls everything back.
ImportResult import_records(Workspace& workspace, std::istream& in, const ImportOptions& options);
// The same from a sheet of an XLSX workbook (xlsx.hpp), read as a CSV file
// is: riskmap's own header, or through options.mapping.
ImportResult import_workbook(Workspace& workspace, const xlsx::Workbook& book,
                             const ImportOptions& options);

class ImportError : public ContentError {
 public:
  using ContentError::ContentError;
};

// Writes every record of `kind` in natural ref order.
void export_records(Workspace& workspace, const EntityKind& kind, DataFormat format,
                    std::ostream& out, Lang lang, const CsvStyle& csv = {});
// Every kind as one JSON object: {"assets": [...], "scenarios": [...]}.
void export_all_json(Workspace& workspace, std::ostream& out, Lang lang);

}  // namespace riskmap
