#include "ebios_rules.hpp"
namespace riskmap::ebios {
const PertinenceGrid& default_pertinence_grid() { static PertinenceGrid g{{{1,1,2,2},{1,2,3,3},{2,3,3,4},{2,3,4,4}}}; return g; }
int pertinence(const PertinenceGrid& grid, int m, int r) { return grid[static_cast<std::size_t>(m-1)][static_cast<std::size_t>(r-1)]; }
const LikelihoodGrid& default_likelihood_grid() { static LikelihoodGrid g{}; return g; }
OperationalLikelihood operational_likelihood(const std::vector<ElementaryAction>&, const LikelihoodGrid&) { return {}; }
int on_scale(int p, int) { return p; }
}
