#!/usr/bin/env bash
# Runs Kestrel's benchmarks and prints every figure recorded in bench/RESULTS.md.
#   bash bench/run.sh            all benchmarks
#   bash bench/run.sh text       only the text stage (issue 2)
#   bash bench/run.sh doc        only the document layer (issue 6)
#   bash bench/run.sh actors     only the actor dictionaries and matcher (issue 4)
#   bash bench/run.sh store      only the event store and the end-to-end run into it (issue 7)
#   bash bench/run.sh events     only the event coder (issue 5: PETR2 validation, coding speed)
#   bash bench/run.sh nlp        only the tagger, lemmatizer and parser (issue 3;
#                                model: KESTREL_NLP_MODEL, default data/models/nlp.kmodel)
# Needs ../shared (UD treebanks, BBC corpus); set KESTREL_SHARED to override.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KESTREL_SHARED:-../shared}
what=${1:-all}
if [ ! -d "$shared/data/ud" ]; then
  echo "bench: $shared/data/ud not found (set KESTREL_SHARED)" >&2
  exit 2
fi
make -s build >/dev/null
bin=./build/kestrel
bench=./build/kestrel_bench

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d) commit $(git rev-parse --short HEAD)"

if [ "$what" = all ] || [ "$what" = text ]; then
  echo "== issue 2: tokens and sentences from raw text (CoNLL 2018 F1)"
  for gold in en_ewt-ud-test en_gum-eval-test; do
    echo "-- $gold"
    $bin eval tokenize --gold "$shared/data/ud/$gold.conllu"
  done
  echo "== issue 2: read + clean + split + tokenize, plain text, one thread"
  $bench text "$shared/corpus/bbc-news-2004-2005.jsonl" --passes 5
fi

if [ "$what" = all ] || [ "$what" = doc ]; then
  echo "== issue 6: place gazetteer load time and lookups"
  $bench places default
  echo "== issue 6: document layer (dates, places, quotes, sources) vs clean+split+tokenize, BBC corpus, one thread"
  $bench doc "$shared/corpus/bbc-news-2004-2005.jsonl" --passes 5
  echo "== issue 6: the document layer's share of kestrel code (every stage timed, with and without it), BBC raw text"
  $bench code "$shared/corpus/bbc-news-2004-2005.jsonl" --passes 5
  echo "== issue 6: the same on parsed input (UD English-EWT train, gold trees: events are coded)"
  $bench code "$shared/data/ud/en_ewt-ud-train.conllu" --passes 3
  echo "== issue 6: accuracy per kind on the document-layer test sets"
  ./build/kestrel_tests --gtest_filter='DocTestSet.*' | grep -E '\.tsv: '
fi

if [ "$what" = all ] || [ "$what" = events ]; then
  echo "== issue 5: PETR2 validation (its own UD parses; root + source country + target country)"
  $bin eval events --no-list --gold "$shared/data/petrarch/PETR2_GSR_validation.xml"
  if [ -f data/models/nlp.kmodel ]; then
    echo "== issue 5: PLOVER dev (raw text through the shipped model)"
    $bin eval events --no-list --gold "$shared/data/gold/plover-gsr-dev.jsonl"
  fi
  if [ -f data/models/nlp.kmodel ]; then
    echo "== issue 5: sport and entertainment reporting on BBC (data/doc/genres.txt): articles not coded, and events per category with and without --all-genres"
    tmp=$(mktemp -d)
    $bin code -j 2 "$shared/corpus/bbc-news-2004-2005.jsonl" 2>/dev/null |
      awk '/^# document /{split($3, c, "/")} /reads as /{g = $0; sub(/.*reads as /, "", g); sub(/ .*/, "", g); n[c[1] " as " g]++}
           END{for (k in n) print "  not coded:", k, n[k]}' | sort
    $bin code -j 2 --format jsonl "$shared/corpus/bbc-news-2004-2005.jsonl" 2>/dev/null >"$tmp/default.jsonl"
    $bin code -j 2 --format jsonl --all-genres "$shared/corpus/bbc-news-2004-2005.jsonl" 2>/dev/null >"$tmp/all.jsonl"
    for f in all default; do
      grep -o '"doc_id":"[a-z]*/' "$tmp/$f.jsonl" | cut -d'"' -f4 | cut -d/ -f1 | sort | uniq -c |
        awk -v f="$f" '{printf "  events (%s): %s %s\n", f == "all" ? "--all-genres" : "default", $2, $1}'
    done
    rm -rf "$tmp"
  fi
  echo "== issue 5: event coding speed, parses given (UD English-EWT train gold trees), one thread"
  $bench events "$shared/data/ud/en_ewt-ud-train.conllu" --passes 5
fi

if [ "$what" = all ] || [ "$what" = nlp ]; then
  model=${KESTREL_NLP_MODEL:-data/models/nlp.kmodel}
  if [ ! -f "$model" ]; then
    echo "bench: $model not found (set KESTREL_NLP_MODEL): issue 3 figures skipped" >&2
  else
    echo "== issue 3: UPOS, XPOS, UFeats, lemmas, UAS, LAS (CoNLL 2018), model $model"
    for gold in en_ewt-ud-test en_gum-eval-test; do
      echo "-- $gold, gold tokenization (tag+parse speed: one thread)"
      $bin eval parse --model "$model" --gold "$shared/data/ud/$gold.conllu"
      echo "-- $gold, raw text"
      $bin eval parse --raw --model "$model" --gold "$shared/data/ud/$gold.conllu"
    done
    echo "== issue 3: kestrel parse, CoNLL-U in (EWT train: tokens kept, the rest predicted), one thread, whole run"
    /usr/bin/time -f "%e s wall, %M KB peak memory" $bin parse --model "$model" -j 1 \
      "$shared/data/ud/en_ewt-ud-train.conllu" >/dev/null
  fi
fi

if [ "$what" = all ] || [ "$what" = actors ]; then
  echo "== issue 4: dictionary coverage"
  $bin dict check
  echo "== issue 4: PLOVER dev actors (right country/IGO code; right sector where gold gives one)"
  $bin eval actors --gold "$shared/data/gold/plover-gsr-dev.jsonl" | grep -vE '^ *missed'
  if [ -f data/models/nlp.kmodel ]; then
    echo "-- the same with our tagger and parser"
    $bin eval actors --parse --gold "$shared/data/gold/plover-gsr-dev.jsonl" | grep -vE '^ *missed' || true
  fi
  echo "== issue 4: dictionary load + compile, and matching speed over the BBC corpus (tokens, one thread)"
  $bench actors "$shared/corpus/bbc-news-2004-2005.jsonl" --passes 5
fi

if [ "$what" = all ] || [ "$what" = store ]; then
  corpus="$shared/corpus/bbc-news-2004-2005.jsonl"
  tmp=$(mktemp -d)
  echo "== issue 7: end-to-end raw text -> database vs the parser alone, BBC corpus (user CPU s; wall s)"
  /usr/bin/time -f "parse -j 1: %U s user, %e s wall, %M KB" $bin parse -j 1 "$corpus" > "$tmp/bbc.conllu"
  echo "sentences parsed: $(grep -c '^# sent_id' "$tmp/bbc.conllu")"
  /usr/bin/time -f "code --db -j 1: %U s user, %e s wall, %M KB" $bin code -j 1 --date 2005-01-01 "$corpus" --db "$tmp/e2e.db"
  /usr/bin/time -f "code --db -j 2: %U s user, %e s wall, %M KB" $bin code -j 2 --date 2005-01-01 "$corpus" --db "$tmp/e2e2.db"
  /usr/bin/time -f "re-run on the same database: %e s wall" $bin code -j 2 --date 2005-01-01 "$corpus" --db "$tmp/e2e2.db"
  $bin stats --db "$tmp/e2e.db" | head -1
  echo "database: $(stat -c %s "$tmp/e2e.db") bytes"
  rm -rf "$tmp"
  echo "== issue 7: store on synthetic data: insert rate, size per 1,000 events, queries over 1,000,000 events"
  $bench store --events 1000000
fi
