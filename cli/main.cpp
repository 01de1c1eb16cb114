#include <iostream>

#include "app.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);  // stdout is written through std::cout only
  return riskmap::cli::run(argc, argv);
}
