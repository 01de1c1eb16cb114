#include "documents.hpp"

#include <sys/stat.h>

#include <cctype>
#include <chrono>
#include <functional>
#include <fstream>

#include <fmt/format.h>

#include "embedded.hpp"
#include "error.hpp"
#include "escape.hpp"
#include "process.hpp"
#include "wording.hpp"
#include "zip.hpp"
#include "zip_writer.hpp"

namespace riskmap {

namespace fs = std::filesystem;

namespace {

std::string_view part(std::string_view name) {
  for (const auto& file : embedded::docx())
    if (file.path == name) return file.content;
  throw Error(fmt::format("built-in file {} is missing", name));
}

std::string replaced(std::string text, std::string_view mark, std::string_view value) {
  for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
    text.replace(at, mark.size(), value);
  return text;
}

void write_text(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw Error(fmt::format("{}: cannot write", path.string()));
}

// "file:///..." for LibreOffice's -env:UserInstallation, each byte outside
// the unreserved set percent-encoded.
std::string file_url(const fs::path& path) {
  std::string url = "file://";
  for (const char byte : path.string()) {
    const auto c = static_cast<unsigned char>(byte);
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')
      url += static_cast<char>(c);
    else
      url += fmt::format("%{:02X}", c);
  }
  return url;
}

// Midnight UTC of the report's date: pandoc dates the document with it.
std::string epoch_of(const Date& date) {
  using namespace std::chrono;
  const sys_days day = year_month_day{year{date.year}, month{date.month}, std::chrono::day{date.day}};
  return std::to_string(duration_cast<seconds>(day.time_since_epoch()).count());
}

const std::string& status_word(const std::string& status, Lang lang) {
  static const std::string draft_fr = "Version provisoire", final_fr = "Version définitive",
                           draft_en = "Draft", final_en = "Final";
  if (status == "final") return lang == Lang::fr ? final_fr : final_en;
  if (status == "draft") return lang == Lang::fr ? draft_fr : draft_en;
  return status;
}

}  // namespace

void DocumentMaker::check_programs(bool word, bool pdf) {
  if ((word || pdf) && !find_on_path("pandoc"))
    throw Error(fmt::format(
        "pandoc is needed to write {} and is not on PATH: install the Debian package pandoc "
        "(apt-get install pandoc)",
        pdf && !word ? "PDF documents (made from Word documents)" : "Word documents"));
  // pandoc turns the SVG figures into the PNG that Word and LibreOffice show.
  if ((word || pdf) && !find_on_path("rsvg-convert"))
    throw Error(
        "rsvg-convert is needed to put the figures in Word, PDF and slides documents and is not on "
        "PATH: install the Debian package librsvg2-bin (apt-get install librsvg2-bin)");
  if (pdf && !find_on_path("soffice"))
    throw Error(
        "LibreOffice (soffice) is needed to write PDF documents and is not on PATH: install the "
        "Debian package libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui)");
}

DocumentMaker::DocumentMaker(fs::path scratch, fs::path target, Lang lang, Mission mission,
                             Date today)
    : scratch_(fs::absolute(scratch)),
      target_(std::move(target)),
      lang_(lang),
      mission_(std::move(mission)),
      today_(today) {}

void DocumentMaker::write_shared_files() {
  if (shared_written_) return;
  fs::create_directories(scratch_);
  write_text(scratch_ / "riskmap.lua", part("core/docx/riskmap.lua"));
  write_text(scratch_ / "slides.lua", part("core/docx/slides.lua"));
  // The words of the cover and the contents, in the document's language.
  const bool fr = lang_ == Lang::fr;
  std::string words = "riskmap-words:\n";
  const auto word = [&](const char* key, const std::string& value) {
    words += fmt::format("  {}: {}\n", key, yaml_quote(markdown_inline(value)));
  };
  word("contents", fr ? "Table des matières" : "Contents");
  word("version", "Version");
  word("status", fr ? "Statut" : "Status");
  word("date", "Date");
  word("author", fr ? "Auteur" : "Author");
  word("continued", fr ? "(suite)" : "(continued)");
  if (mission_.status && !mission_.status->empty())
    word("status-value", status_word(*mission_.status, lang_));
  word("date-value", wording::long_date(today_, lang_));
  write_text(scratch_ / "words.yaml", words);
  shared_written_ = true;
}

void DocumentMaker::docx(const std::string& title, const fs::path& source, const fs::path& output,
                         bool new_page) {
  write_shared_files();
  // pandoc runs in the Markdown's folder: every path it is given is whole.
  const fs::path markdown = fs::absolute(source);
  // The reference document: riskmap's styles, page set-up, header and
  // footer, which carry this document's title and classification.
  const fs::path reference = scratch_ / ("reference-" + output.filename().string());
  {
    const bool fr = lang_ == Lang::fr;
    const std::string lang = fr ? "fr-FR" : "en-GB";
    const std::string marking = xml_escape(mission_.classification.value_or(""));
    std::string running = title;
    if (!mission_.name.empty()) running += " — " + mission_.name;
    const auto running_part = [&](std::string_view name, const char* right) {
      std::string text(part(name));
      text = replaced(std::move(text), "@TITLE@", xml_escape(running));
      text = replaced(std::move(text), "@CLASSIFICATION@", marking);
      return replaced(std::move(text), "@RIGHT@", right);
    };
    zip::Writer zip(reference, target_ / output.filename());
    zip.add("[Content_Types].xml", part("core/docx/content_types.xml"));
    zip.add("_rels/.rels", part("core/docx/package.rels"));
    zip.add("word/document.xml", part("core/docx/document.xml"));
    zip.add("word/_rels/document.xml.rels", part("core/docx/document.xml.rels"));
    zip.add("word/styles.xml", replaced(std::string(part("core/docx/styles.xml")), "@LANG@", lang));
    zip.add("word/settings.xml",
            replaced(replaced(std::string(part("core/docx/settings.xml")), "@LANG@", lang),
                     "@DECIMAL@", fr ? "," : "."));
    // Portrait pages (text 9638 twips wide) and landscape ones (14570).
    zip.add("word/header1.xml", running_part("core/docx/header.xml", "9638"));
    zip.add("word/footer1.xml", running_part("core/docx/footer.xml", "9638"));
    zip.add("word/header2.xml", running_part("core/docx/header.xml", "14570"));
    zip.add("word/footer2.xml", running_part("core/docx/footer.xml", "14570"));
    zip.close();
  }
  // The landscape sections name the header and footer by the ids of the
  // reference document; pandoc renumbers them: give them pandoc's ids.
  const auto header_ids = [](const zip::Archive& archive, const std::string& name,
                             std::string& text) {
    if (name != "word/document.xml") return;
    const std::string rels = archive.read("word/_rels/document.xml.rels");
    const auto id_of = [&](std::string_view target) {
      const auto at = rels.find(fmt::format("Target=\"{}\"", target));
      const auto start = at == std::string::npos ? at : rels.rfind("<Relationship ", at);
      const auto id = start == std::string::npos ? start : rels.find("Id=\"", start);
      if (id == std::string::npos || id > rels.find('>', at))
        throw Error(fmt::format("{}: pandoc's document has no {}", archive.source(), target));
      return rels.substr(id + 4, rels.find('"', id + 4) - id - 4);
    };
    // The longer marks first: each is the start of a shorter one.
    text = replaced(std::move(text), "rIdRiskmapHeaderWide", id_of("header2.xml"));
    text = replaced(std::move(text), "rIdRiskmapFooterWide", id_of("footer2.xml"));
    text = replaced(std::move(text), "rIdRiskmapHeader", id_of("header1.xml"));
    text = replaced(std::move(text), "rIdRiskmapFooter", id_of("footer1.xml"));
  };
  pandoc(markdown, output,
         {"--to=docx", "--reference-doc=" + reference.string(),
          "--lua-filter=" + (scratch_ / "riskmap.lua").string(),
          std::string("--metadata=riskmap-new-page:") + (new_page ? "true" : "false")},
         header_ids);
}

void DocumentMaker::pandoc(const fs::path& markdown, const fs::path& output,
                           std::vector<std::string> options, const PartEdit& edit) {
  const fs::path raw = scratch_ / fmt::format("pandoc-{}{}", ++count_, output.extension().string());
  const fs::path log = fs::path(raw).replace_extension(".log");
  const fs::path folder = markdown.parent_path();
  ProgramRun run;
  run.args = {"pandoc", markdown.string(),
              "--from=markdown-smart-citations-raw_html-raw_attribute-tex_math_dollars"};
  run.args.insert(run.args.end(), options.begin(), options.end());
  for (const std::string& option :
       {"--metadata-file=" + (scratch_ / "words.yaml").string(),
        "--resource-path=" + folder.string(), std::string("--fail-if-warnings"),
        "--output=" + raw.string()})
    run.args.push_back(option);
  run.directory = folder;
  run.log = log;
  // pandoc dates the document with it, so that a rerun gives the same file.
  run.environment = {{"SOURCE_DATE_EPOCH", epoch_of(today_)}};
  if (const int status = run_program(run); status != 0)
    throw Error(fmt::format("{}: pandoc could not make the document (exit {}):\n{}",
                            output.filename().string(), status, log_tail(log)));
  // Written again with fixed dates, so that a rerun gives the same file.
  const auto archive = zip::Archive::open_file(raw.string(), raw.filename().string());
  zip::Writer zip(output, target_ / output.filename());
  for (const auto& name : archive.names()) {
    std::string text = archive.read(name);
    if (edit) edit(archive, name, text);
    zip.add(name, text);
  }
  zip.close();
  fs::remove(raw);
}

void DocumentMaker::pptx(const fs::path& source, const fs::path& output) {
  write_shared_files();
  pandoc(fs::absolute(source), output,
         {"--to=pptx", "--lua-filter=" + (scratch_ / "slides.lua").string()});
}

std::vector<fs::path> DocumentMaker::pdf(const std::vector<fs::path>& documents) {
  std::vector<fs::path> out;
  if (documents.empty()) return out;
  const fs::path folder = scratch_ / "pdf";
  fs::create_directories(folder);
  const fs::path log = scratch_ / "soffice.log";
  ProgramRun run;
  // A profile of its own: a LibreOffice already open, or another riskmap
  // run, uses another one, and two processes sharing one collide.
  run.args = {"soffice",
              "-env:UserInstallation=" + file_url(scratch_ / "libreoffice-profile"),
              "--headless",
              "--norestore",
              "--nolockcheck",
              "--convert-to",
              "pdf:writer_pdf_Export",
              "--outdir",
              folder.string()};
  for (const auto& document : documents) run.args.push_back(fs::absolute(document).string());
  run.directory = scratch_;
  run.log = log;
  const int status = run_program(run);
  for (const auto& document : documents) {
    const fs::path pdf = folder / document.filename().replace_extension(".pdf");
    std::ifstream in(pdf, std::ios::binary);
    char head[5] = {};
    in.read(head, 5);
    if (!in || std::string_view(head, 5) != "%PDF-")
      throw Error(fmt::format("{}: LibreOffice could not make the PDF document (exit {}){}{}",
                              pdf.filename().string(), status, log_tail(log).empty() ? "" : ":\n",
                              log_tail(log)));
    ::chmod(pdf.c_str(), 0600);
    out.push_back(pdf);
  }
  return out;
}

}  // namespace riskmap
