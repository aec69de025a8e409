#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "text/text.h"

namespace kestrel {
namespace {

using text_internal::SurfaceToken;

// Surface tokens of `text` joined by spaces; a multi-word token is written
// with its words joined by '+' ("do+n't").
std::string tokens(std::string_view text) {
  std::vector<SurfaceToken> out;
  text_internal::tokenize(text, 0, static_cast<std::uint32_t>(text.size()), out);
  std::string result;
  for (const auto& t : out) {
    if (!result.empty()) result += ' ';
    std::uint32_t from = t.start;
    for (std::uint32_t w = 0; w < t.words; ++w) {
      std::uint32_t to = w + 1 == t.words ? t.end : t.cut[w];
      if (w > 0) result += '+';
      result.append(text.substr(from, to - from));
      from = to;
    }
  }
  return result;
}

TEST(Tokenizer, Clitics) {
  EXPECT_EQ(tokens("I don't know."), "I do+n't know .");
  EXPECT_EQ(tokens("We can't, won't, ain't."), "We ca+n't , wo+n't , ai+n't .");
  EXPECT_EQ(tokens("I'm sure you're right, they've said we'll go and he'd come."),
            "I+'m sure you+'re right , they+'ve said we+'ll go and he+'d come .");
  EXPECT_EQ(tokens("Bush's plan, the parents' cars"), "Bush+'s plan , the parents+' cars");
  EXPECT_EQ(tokens("DON'T SHOUT"), "DO+N'T SHOUT");
  EXPECT_EQ(tokens("O'Connell and Shi'ite rock'n'roll"), "O'Connell and Shi'ite rock'n'roll");
  EXPECT_EQ(tokens("the 1990's"), "the 1990's");
}

TEST(Tokenizer, CurlyApostrophes) {
  EXPECT_EQ(tokens("People\u2019s Republic doesn\u2019t"), "People+\u2019s Republic does+n\u2019t");
  EXPECT_EQ(tokens("\u2018good\u2019 guys"), "\u2018 good \u2019 guys");
  EXPECT_EQ(tokens("mama`s"), "mama+`s");
}

TEST(Tokenizer, FusedWordsWithoutApostrophe) {
  EXPECT_EQ(tokens("I cannot, gonna, wanna, gotta"), "I can+not , gon+na , wan+na , got+ta");
  EXPECT_EQ(tokens("i dunno"), "i du+n+no");
  EXPECT_EQ(tokens("dont cant wont im"), "do+nt ca+nt wo+nt i+m");
  EXPECT_EQ(tokens("its a shame, its members"), "it+s a shame , its members");
}

TEST(Tokenizer, CaptionGluedToItsCredit) {
  EXPECT_EQ(tokens("Emmanuel MacronPhoto: AFP"), "Emmanuel Macron Photo : AFP");
  EXPECT_EQ(tokens("the summit in KyivImage: Reuters"), "the summit in Kyiv Image : Reuters");
  // Only before a colon, only after a small letter, only a credit word.
  EXPECT_EQ(tokens("MacronPhoto AFP"), "MacronPhoto AFP");
  EXPECT_EQ(tokens("PHOTO: AFP"), "PHOTO : AFP");
  EXPECT_EQ(tokens("Photo: AFP"), "Photo : AFP");
  EXPECT_EQ(tokens("iPhone: review"), "iPhone : review");
}

TEST(Tokenizer, QuotesAroundPossessives) {
  // An open single quote makes the next "s'" a closing quote.
  EXPECT_EQ(tokens("he said 'it works for parents' and left"), "he said ' it works for parents ' and left");
}

TEST(Tokenizer, Hyphens) {
  EXPECT_EQ(tokens("Al-Zaman so-called e-mail co-workers non-stop"),
            "Al - Zaman so - called e-mail co-workers non-stop");
  EXPECT_EQ(tokens("the UN-backed 10-year-old"), "the UN - backed 10 - year - old");
  EXPECT_EQ(tokens("call 713-853-3989 or 345-9945; pages 5-10"), "call 713-853-3989 or 345-9945 ; pages 5 - 10");
  EXPECT_EQ(tokens("wait -- no"), "wait -- no");
}

TEST(Tokenizer, Numbers) {
  EXPECT_EQ(tokens("1,200 people paid $5.5m (3.5%)"), "1,200 people paid $ 5.5 m ( 3.5 % )");
  EXPECT_EQ(tokens("\u00A3522,000 at 5:30pm on 11/28/2000"), "\u00A3 522,000 at 5:30 pm on 11/28/2000");
  EXPECT_EQ(tokens("the 10th in the 1990s"), "the 10th in the 1990s");
  EXPECT_EQ(tokens("9/11 and 1/2"), "9/11 and 1 / 2");
  EXPECT_EQ(tokens("call +44 20"), "call +44 20");
  EXPECT_EQ(tokens("US$ 5 and 200,987.33"), "US$ 5 and 200,987.33");
}

TEST(Tokenizer, UrlsEmailsFiles) {
  EXPECT_EQ(tokens("see http://www.example.com/a_b?x=1&y=2."), "see http://www.example.com/a_b?x=1&y=2 .");
  EXPECT_EQ(tokens("(www.bbc.co.uk)"), "( www.bbc.co.uk )");
  EXPECT_EQ(tokens("link below:<http://www.euci.com/pdf/x.pdf>"), "link below : < http://www.euci.com/pdf/x.pdf >");
  EXPECT_EQ(tokens("mail carol.st.clair@enron.com, please"), "mail carol.st.clair@enron.com , please");
  EXPECT_EQ(tokens("file: UnleadedStocks.pdf)(See"), "file : UnleadedStocks.pdf ) ( See");
  EXPECT_EQ(tokens("on amazon.com now"), "on amazon.com now");
  EXPECT_EQ(tokens("in alt.animals.cat."), "in alt.animals.cat .");
  EXPECT_EQ(tokens("Sushi.They came"), "Sushi . They came");
}

TEST(Tokenizer, Abbreviations) {
  EXPECT_EQ(tokens("Dr. Smith and Lt. Gen. Jones of the U.S. Army, etc."),
            "Dr. Smith and Lt. Gen. Jones of the U.S. Army , etc.");
  EXPECT_EQ(tokens("on Jan. 5, i.e. e.g. at 5 p.m. sharp"), "on Jan. 5 , i.e. e.g. at 5 p.m. sharp");
  EXPECT_EQ(tokens("J. R. R. Tolkien"), "J. R. R. Tolkien");
  EXPECT_EQ(tokens("No. 10 and no."), "No. 10 and no .");
  EXPECT_EQ(tokens("He left."), "He left .");
  EXPECT_EQ(tokens("etc..."), "etc ...");
}

TEST(Tokenizer, PunctuationRuns) {
  EXPECT_EQ(tokens("What?! Really!!! Wait... \u2026 ok"), "What ?! Really !!! Wait ... \u2026 ok");
  EXPECT_EQ(tokens("\"Yes.\" (No.)"), "\" Yes . \" ( No . )");
  EXPECT_EQ(tokens("''quoted'' ``this''"), "'' quoted '' `` this ''");
  EXPECT_EQ(tokens("===== ---->"), "===== ---->");
  EXPECT_EQ(tokens("great :) and :-( ok ;)"), "great :) and :-( ok ;)");
  EXPECT_EQ(tokens("note:Do"), "note : Do");
  EXPECT_EQ(tokens("#audiobooks # 1"), "#audiobooks # 1");
  EXPECT_EQ(tokens("\u201CHe said\u201D \u2014 she"), "\u201C He said \u201D \u2014 she");
}

TEST(Tokenizer, UnicodeSpacesSeparate) {
  EXPECT_EQ(tokens("a\u00A0b\u202Fc\u2009d\u200Be"), "a b c d e");
  EXPECT_EQ(tokens("caf\u00E9 na\u00EFve \u041C\u0438\u043D\u0441\u043A"), "caf\u00E9 na\u00EFve \u041C\u0438\u043D\u0441\u043A");
}

TEST(Tokenizer, OffsetsAndLayout) {
  std::string text = "  One two.\n\nThree";
  std::vector<SurfaceToken> out;
  text_internal::tokenize(text, 0, static_cast<std::uint32_t>(text.size()), out);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].start, 2u);
  EXPECT_TRUE(out[0].space_before);
  EXPECT_FALSE(out[2].space_before);  // "."
  EXPECT_EQ(out[3].newlines_before, 2);
  // A sub-range: offsets stay absolute.
  out.clear();
  text_internal::tokenize(text, 6, 10, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(text.substr(out[0].start, out[0].end - out[0].start), "two");
}

TEST(Tokenizer, InvalidBytesDoNotBreakIt) {
  std::string text = "ab\xff\xfe cd \xe2\x80";
  std::vector<SurfaceToken> out;
  text_internal::tokenize(text, 0, static_cast<std::uint32_t>(text.size()), out);
  std::uint32_t covered = 0;
  for (const auto& t : out) {
    EXPECT_LT(t.start, t.end);
    EXPECT_LE(t.end, text.size());
    covered += t.end - t.start;
  }
  EXPECT_EQ(covered, text.size() - 2);  // everything but the two spaces
}

// Random strings of awkward pieces: tokens are ordered, disjoint, non-empty,
// cover every byte that is not whitespace, and multi-word cuts lie inside.
TEST(Tokenizer, RandomInputInvariants) {
  const std::vector<std::string> pieces = {
      "a", "Z", "7", ".", ",", "'", "\u2019", "\"", "-", "--", "/", ":", "@", "http://", "www.", ".com", "$", "%",
      "(", ")", "n't", "'s", "s'", "don", "U.S.", "Dr.", "...", "\u2026", "!", "?", " ", "  ", "\n", "\n\n",
      "\u00A0", "\u202F", "\u2014", "\u00E9", "\xff", "\xe2\x80", "#", "+", "=", "*", ":)", "1,000", "3.5",
      "e-mail", "cannot", "its", "Its", "`", "''", "\u201C", "\u201D", "_", "&", "AT&T", "5pm", "\t"};
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    std::vector<SurfaceToken> out;
    text_internal::tokenize(text, 0, static_cast<std::uint32_t>(text.size()), out);
    std::vector<bool> covered(text.size(), false);
    std::uint32_t prev_end = 0;
    for (const auto& t : out) {
      ASSERT_LT(t.start, t.end) << text;
      ASSERT_LE(t.end, text.size()) << text;
      ASSERT_GE(t.start, prev_end) << text;
      prev_end = t.end;
      for (std::uint32_t b = t.start; b < t.end; ++b) covered[b] = true;
      if (t.words > 1) {
        ASSERT_GT(t.cut[0], t.start) << text;
        ASSERT_LT(t.cut[0], t.end) << text;
        if (t.words == 3) {
          ASSERT_GT(t.cut[1], t.cut[0]) << text;
          ASSERT_LT(t.cut[1], t.end) << text;
        }
      }
    }
    for (std::size_t b = 0; b < text.size(); ++b) {
      const unsigned char c = static_cast<unsigned char>(text[b]);
      const bool space = c == ' ' || c == '\n' || c == '\t';
      if (space) {
        EXPECT_FALSE(covered[b]) << "byte " << b << " of '" << text << "'";
      } else if (c < 0x80) {
        EXPECT_TRUE(covered[b]) << "byte " << b << " of '" << text << "'";
      }
    }
  }
}

// Every token of a prepared document points at its own text.
TEST(Tokenizer, DocumentOffsetsRoundTrip) {
  Document doc;
  doc.text =
      "MINSK, Nov 28 (Reuters) - Belarus's leader didn't say.\n\n"
      "\u201CWe\u2019ll see,\u201D he said \u2014 at 5:30 p.m. on Nov. 28. Costs rose 3.5% to $5.5m.\n"
      "\u2022 Related: U.S. sanctions\n";
  prepare_document(doc);
  ASSERT_FALSE(doc.sentences.empty());
  std::size_t words = 0;
  for (const auto& s : doc.sentences) {
    EXPECT_LE(s.start, s.end);
    std::size_t mwt = 0;
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
      const Token& t = s.tokens[i];
      ++words;
      EXPECT_EQ(doc.text.substr(t.start, t.end - t.start), t.form);
      EXPECT_GE(t.start, s.start);
      EXPECT_LE(t.end, s.end);
      if (mwt < s.multiword.size() && s.multiword[mwt].last == i) ++mwt;
    }
    for (const auto& m : s.multiword) {
      EXPECT_EQ(doc.text.substr(m.start, m.end - m.start), m.form);
      std::string joined;
      for (std::uint32_t w = m.first; w <= m.last; ++w) joined += s.tokens[w].form;
      EXPECT_EQ(joined, m.form);
    }
  }
  EXPECT_GT(words, 30u);
}

}  // namespace
}  // namespace kestrel
