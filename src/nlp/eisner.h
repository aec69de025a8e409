// Internal to the nlp stage: Eisner's algorithm (1996), the highest-scoring
// projective dependency tree for given arc scores, with the root taking
// exactly one dependent. Used to combine the trees of several parsers.
#pragma once

#include <vector>

namespace kestrel::nlp {

// `score[h * (n + 1) + d]` is the score of the arc h -> d (h = 0 is the
// root; d in 1..n). Fills heads[1..n] (heads[0] is set to -1). O(n^3).
void eisner(int n, const std::vector<float>& score, std::vector<int>& heads);

}  // namespace kestrel::nlp
