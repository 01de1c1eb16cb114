#pragma once
// init --tree: what makes a workspace's folder a git working tree the team
// shares: the .gitignore that keeps the database and the deliverables out,
// the repository, and the hooks that apply the tree after git changed it.
#include <filesystem>
#include <string>
#include <vector>

namespace riskmap::cli {

// Checks that git is on PATH (Error naming the Debian package otherwise).
void require_git();
// Writes or completes `dir`/.gitignore, makes `dir` a git repository when it
// is in none, and installs the post-merge and post-checkout hooks (a hook
// that exists and is not riskmap's is left alone, and said in `notes`).
void set_up_git(const std::filesystem::path& dir, std::vector<std::string>& notes);

}  // namespace riskmap::cli
