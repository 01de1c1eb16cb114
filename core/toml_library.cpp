// toml++'s implementation, compiled into riskmap instead of loaded from
// libtomlplusplus.so: a C++ library's symbols are bound at every start,
// and only a few commands read more than riskmap.toml.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
