#include "app.hpp"

int main(int argc, char** argv) { return riskmap::cli::run(argc, argv); }
