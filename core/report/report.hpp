#pragma once
// Deliverables (SPEC §5): Markdown from Mustache templates, with CSV and SVG
// beside them, in French or English, written atomically and all at once.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "date.hpp"
#include "method.hpp"
#include "workspace.hpp"

namespace riskmap {

// What a deliverable is written as: Markdown (with its CSV and SVG files),
// an Excel workbook of its tables, a Word document (through pandoc) or a
// PDF document (the Word document, through LibreOffice), or slides (the
// training deck, through pandoc).
enum class DocFormat { md, xlsx, docx, pdf, pptx };
std::string_view to_string(DocFormat format);
// "md,xlsx" -> both; throws UsageError naming the formats allowed.
std::vector<DocFormat> parse_doc_formats(std::string_view text);

struct ReportOptions {
  Lang lang = Lang::fr;
  std::vector<DocFormat> formats{DocFormat::md};
  Date today;
  std::filesystem::path output;  // a folder; empty: deliverables/<lang>/ in the workspace
  bool to_stdout = false;        // -o -: one Markdown deliverable on `out`
  std::optional<std::filesystem::path>
      templates;  // --templates DIR, before the workspace's templates/
  // The deliverables' CSV files (for French Excel: ';' and a BOM).
  char csv_delimiter = ';';
  bool csv_bom = true;
  // The snapshot the evolution deliverable compares the rendered map with;
  // without one, `all` leaves that deliverable out. `subject_name` names the
  // snapshot being rendered (empty: the live map).
  Workspace* baseline = nullptr;
  std::string baseline_name, baseline_date;
  std::string subject_name, subject_date;
  // Document metadata given on the command line, over riskmap.toml's [mission].
  std::optional<std::string> version, status, author, classification;
};

struct DeliverableInfo {
  std::string name;
  Text title;
  std::vector<DocFormat> formats;  // those it can be written as
};
// Every deliverable `report all` renders, in order.
std::vector<DeliverableInfo> deliverable_list();

struct TemplateSource {
  std::string name;    // "fr/register.md"
  std::string origin;  // "built-in", or the file it was read from
  std::string text;
};
// The template a deliverable renders with: --templates DIR, the workspace's
// templates/ folder, or the built-in one.
TemplateSource find_template(const Workspace& workspace, const ReportOptions& options,
                             const std::string& name);
std::vector<std::string> builtin_template_names();         // "fr/register.md", ...
std::string_view builtin_template(std::string_view name);  // throws ValueError

// The reference documents pandoc lays deliverables out on: reference.docx
// (Word and PDF) and reference.pptx (slides), riskmap's own unless a file
// of that name is in --templates DIR or the workspace's templates/ folder.
std::vector<std::string> reference_document_names();  // "reference.docx", "reference.pptx"
struct ReferenceSource {
  std::string name;
  std::optional<std::filesystem::path> file;  // the user's; none: riskmap's own
  std::string origin() const { return file ? file->string() : "built-in"; }
};
ReferenceSource find_reference(const Workspace& workspace, const ReportOptions& options,
                               const std::string& name);

// Renders `names` ("all" for every one). Every template is read and checked
// before anything is written; files appear together at the end. Returns the
// files written.
std::vector<std::filesystem::path> render_reports(Workspace& workspace,
                                                  const std::vector<std::string>& names,
                                                  const ReportOptions& options, std::ostream& out);

}  // namespace riskmap
