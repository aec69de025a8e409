// Internal to the nlp stage: sentences written in capitals.
//
// Wire headlines and alerts come in capitals ("UKRAINE SAYS RUSSIA SHELLED
// KHARKIV"). The tagger learnt English from mixed case, where capitals mark
// names, so it reads every word of such a line as a proper noun and the
// parser finds no verb. The tagger, lemmatizer and parser therefore read a
// shouted sentence in running-text case: a word training had as a common
// word is lower-cased ("says", "three", and "us" for "US": the actor stage
// reads the token's own form); one it had only as a capitalised proper noun
// is capitalised ("Russia"); an unknown word is lower-cased when it ends
// like an inflected verb or a plural ("shelled", "condemns"), so the tagger
// reads it from its ending, and capitalised otherwise, as the name it
// mostly is ("Kharkiv"). The first word is capitalised. (All-capital words
// in training are titles, "IF", "NEW", "OPEN" tagged as proper nouns, so
// they are no guide.) The tokens keep their own forms; only the models'
// view changes.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kestrel::nlp {

// Whether the words are a shouted sentence: no lower-case letter, and at
// least three words of two or more letters.
bool shouted(const std::vector<std::string_view>& forms);

struct CaseKnowledge {
  // Whether training had this form (exact case) as a proper noun.
  std::function<bool(std::string_view)> proper_noun;
  // Whether training had this lower-case form as a common word (not a proper
  // noun).
  std::function<bool(std::string_view)> common_word;
};

// The forms of a shouted sentence in running-text case (see above).
std::vector<std::string> truecase(const std::vector<std::string_view>& forms, const CaseKnowledge& knowledge);

}  // namespace kestrel::nlp
