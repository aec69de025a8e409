// Internal to the nlp stage: a fixed-size array for big, read-mostly tables.
//
// Feature lookups jump around tens of megabytes, so with 4 KB pages most of
// them also miss the TLB. On Linux the array asks for 2 MB pages
// (madvise(MADV_HUGEPAGE); transparent huge pages in "madvise" mode) when it
// is large enough; elsewhere, or if the kernel says no, it is plain memory.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace kestrel::nlp {

template <typename T>
class LargeArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  LargeArray() = default;
  explicit LargeArray(std::size_t n) { allocate(n); }
  LargeArray(const T* values, std::size_t n) {
    allocate(n);
    if (n > 0) std::memcpy(data_, values, n * sizeof(T));
  }
  LargeArray(const LargeArray& other) : LargeArray(other.data_, other.size_) {}
  LargeArray(LargeArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  LargeArray& operator=(LargeArray other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    return *this;
  }
  ~LargeArray() { std::free(data_); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  void allocate(std::size_t n) {
    size_ = n;
    if (n == 0) return;
    constexpr std::size_t kHugePage = std::size_t{2} << 20;
    const std::size_t bytes = n * sizeof(T);
    const std::size_t align = bytes >= kHugePage / 2 ? kHugePage : 64;
    const std::size_t rounded = (bytes + align - 1) / align * align;
    data_ = static_cast<T*>(std::aligned_alloc(align, rounded));
    if (data_ == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (align == kHugePage) ::madvise(data_, rounded, MADV_HUGEPAGE);
#endif
    std::memset(static_cast<void*>(data_), 0, rounded);
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace kestrel::nlp
