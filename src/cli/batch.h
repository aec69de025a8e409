// Runs a per-document function over a stream of documents on N threads while
// keeping the output in input order, so `-j N` prints exactly what `-j 1`
// prints. Documents are taken in bounded batches: memory stays flat however
// many documents stream through.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#include "text/text.h"

namespace kestrel::cli {

// The same over jobs: a Job is default-constructible and holds the document
// in a member `doc`, next to whatever `work` computes for it (events,
// mentions...). `work(job)` runs on worker threads and must only touch its
// job; `emit(job)` runs on the calling thread, in input order, never while
// `work` runs. A job is reset (= Job{}) before it is reused. An `emit` that
// returns bool stops the run by returning false (the rest is not emitted).
template <typename Job, typename Work, typename Emit>
void for_each_job(DocumentReader& reader, unsigned threads, Work&& work, Emit&& emit) {
  auto emit_one = [&](Job& job) {
    if constexpr (std::is_same_v<std::invoke_result_t<Emit&, Job&>, bool>) {
      return emit(job);
    } else {
      emit(job);
      return true;
    }
  };
  threads = std::max(1u, threads);
  if (threads == 1) {
    Job job;
    while (reader.next(job.doc)) {
      work(job);
      if (!emit_one(job)) return;
      job = Job{};
    }
    return;
  }
  const std::size_t batch_size = 16 * threads;
  std::vector<Job> batch(batch_size);
  while (true) {
    std::size_t n = 0;
    while (n < batch_size) {
      batch[n] = Job{};
      if (!reader.next(batch[n].doc)) break;
      ++n;
    }
    if (n == 0) break;
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;  // the first exception a worker threw, rethrown here
    std::mutex failure_mutex;
    std::vector<std::thread> pool;
    const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(threads, n));
    pool.reserve(workers);
    for (unsigned t = 0; t < workers; ++t) {
      pool.emplace_back([&] {
        try {
          for (std::size_t i = next++; i < n; i = next++) work(batch[i]);
        } catch (...) {
          std::lock_guard<std::mutex> lock(failure_mutex);
          if (!failure) failure = std::current_exception();
          next = n;
        }
      });
    }
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
    for (std::size_t i = 0; i < n; ++i)
      if (!emit_one(batch[i])) return;
    if (n < batch_size) break;
  }
}

// `work(doc)` runs on worker threads and must only touch its document;
// `emit(doc)` runs on the calling thread, in input order (returning false,
// if it returns bool, stops the run).
template <typename Work, typename Emit>
void for_each_document(DocumentReader& reader, unsigned threads, Work&& work, Emit&& emit) {
  struct Job {
    Document doc;
  };
  for_each_job<Job>(
      reader, threads, [&](Job& job) { work(job.doc); }, [&](Job& job) -> decltype(auto) { return emit(job.doc); });
}

}  // namespace kestrel::cli
