#include <iostream>

#include "app.hpp"
#include "stdout.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);  // stdout is written through std::cout only
  riskmap::cli::use_checked_stdout();
  return riskmap::cli::run(argc, argv);
}
