#pragma once
// Word documents and PDF made from a run's Markdown deliverables, by pandoc
// and LibreOffice (found on PATH at run time). Everything they write goes to
// a scratch folder inside the run's staging folder (0700, umask 077); the
// caller moves the results into place with the run's other files.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "date.hpp"
#include "text.hpp"
#include "workspace.hpp"
#include "zip.hpp"

namespace riskmap {

class DocumentMaker {
 public:
  // Throws Error (exit 1) naming the program and its Debian package when a
  // program the formats need is missing: pandoc for Word, LibreOffice too
  // for PDF. Called before anything is written.
  static void check_programs(bool word, bool pdf);

  // `mission`: the document metadata as the run gives it (riskmap.toml's
  // [mission] with the command line's overrides).
  // `target` is the folder the documents go to, named in messages rather
  // than the staging folder they are written in first.
  DocumentMaker(std::filesystem::path scratch, std::filesystem::path target, Lang lang,
                Mission mission, Date today);

  // `markdown` (a deliverable, its front matter first, its images beside
  // it) as a Word document at `output`: cover page, classification in the
  // header and footer, page N / M, table of contents, numbered headings,
  // tables as wide as their content, wide tables on landscape pages;
  // `new_page`: each top-level section starts a page.
  void docx(const std::string& title, const std::filesystem::path& markdown,
            const std::filesystem::path& output, bool new_page);

  // A deck's `markdown` as slides at `output` (see core/docx/slides.lua):
  // one title slide, slides that fit, quotations as speaker notes.
  void pptx(const std::filesystem::path& markdown, const std::filesystem::path& output);

  // Each Word document as PDF, in one LibreOffice run with a profile of its
  // own; returns the PDF files, in the same order.
  std::vector<std::filesystem::path> pdf(const std::vector<std::filesystem::path>& documents);

 private:
  void write_shared_files();
  // Runs pandoc on `markdown` with `options`, then writes its result to
  // `output` again with fixed dates, each part through `edit` when given.
  // Throws Error with pandoc's last messages when it fails.
  using PartEdit =
      std::function<void(const zip::Archive&, const std::string& name, std::string& text)>;
  void pandoc(const std::filesystem::path& markdown, const std::filesystem::path& output,
              std::vector<std::string> options, const PartEdit& edit = {});
  std::filesystem::path scratch_, target_;
  Lang lang_;
  Mission mission_;
  Date today_;
  bool shared_written_ = false;
  int count_ = 0;
};

}  // namespace riskmap
