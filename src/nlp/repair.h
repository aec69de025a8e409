// Internal to the nlp stage: repairs of parses that break a rule of English
// grammar the statistical models have too little data to learn.
//
// Reduced relatives with a direct object. "Police detained dozens of
// protesters": EWT has almost no news, and after a noun a word in -ed is a
// past participle 316 times in its training data against 224 simple pasts,
// so the tagger reads "detained" as VBN and the parser attaches it to
// "police" as a reduced relative (acl). A passive participle modifying a
// noun does not take a direct object (EWT train: 17 acl participles with an
// object in 204k words, none under a root noun; one with an auxiliary,
// "the revelation that Shell had inflated its reserves", is a real clause and
// is left alone). So when the participle has an object and no auxiliary,
// marker or subject of its own, the noun is its subject and it is the
// finite verb: VBD heading the clause the noun headed.
#pragma once

#include <cstddef>
#include <vector>

#include "text/text.h"

namespace kestrel::nlp {

// Rewrites every such participle in `sentence` (heads, relations, XPOS; the
// caller recomputes features) and returns the 0-based indices of the
// verbs it rewrote.
std::vector<std::size_t> repair_reduced_relatives_with_object(Sentence& sentence);

}  // namespace kestrel::nlp
