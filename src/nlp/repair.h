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
//
// Verbs after a relative pronoun. "Documents, which touch on trade": a
// relative pronoun after its noun (or a comma) is the subject of a finite
// verb, but a word that is more often a noun in EWT ("touch", "call",
// "need") is tagged NN there and the clause is lost. When the word can be a
// verb (WordNet) and the next word opens a verb's argument (a preposition,
// determiner, pronoun or adverb), it is the verb: VBZ for "-s", else VBP.
// This runs on the tags, before lemmas and the parse.
//
// Simple pasts read as adjectives. "Guerrillas wounded two soldiers": after
// a noun, a word in -ed that can be a verb (WordNet) and is followed by the
// start of a noun phrase (a determiner, number or possessive) is the clause's
// verb when no finite verb came before it; EWT's few news sentences leave
// the tagger reading it as JJ or VBN ("wounded soldiers"). Retagged VBD.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace kestrel::nlp {

// Rewrites every such participle in `sentence` (heads, relations, XPOS; the
// caller recomputes features) and returns the 0-based indices of the
// verbs it rewrote.
std::vector<std::size_t> repair_reduced_relatives_with_object(Sentence& sentence);

// Retags every such noun after a relative pronoun (UPOS, XPOS; the caller
// lemmatizes and parses afterwards) and returns the 0-based indices of the
// words it retagged. `can_be_verb` is asked about the lower-cased form.
std::vector<std::size_t> repair_verbs_after_relative_pronouns(Sentence& sentence,
                                                              const std::function<bool(std::string_view)>& can_be_verb);

// Retags every such simple past (UPOS VERB, XPOS VBD) and returns the
// 0-based indices of the words it retagged.
std::vector<std::size_t> repair_simple_pasts_after_subjects(Sentence& sentence,
                                                            const std::function<bool(std::string_view)>& can_be_verb);

}  // namespace kestrel::nlp
