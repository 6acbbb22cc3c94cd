#pragma once
// A copy-on-write array in blocks of 256: copying it copies only the block pointers, and writing to a block
// that another copy still holds clones that one block first. RecBuilder keeps its per-item state in these,
// and each published RecIndex holds a copy, so a publish() shares every block that nothing touched since the
// last one.
#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace fc::server::discovery::recs {

template <class T> class BlockArray {
public:
    static constexpr size_t kBlockBits = 8;
    static constexpr size_t kBlockSize = size_t(1) << kBlockBits;

    size_t size() const { return m_size; }

    const T& operator[](size_t index) const {
        return (*m_blocks[index >> kBlockBits])[index & (kBlockSize - 1)];
    }

    // Safe against readers of other copies: a block is written in place only when this array is its only
    // holder (use_count() can only drop under us, never rise, since copies are made by the writer's thread
    // alone).
    T& mutableAt(size_t index) {
        auto& block = m_blocks[index >> kBlockBits];
        if (block.use_count() > 1)
            block = std::make_shared<std::vector<T>>(*block);
        return (*block)[index & (kBlockSize - 1)];
    }

    void resize(size_t size, const T& fill = T{}) {
        if (size <= m_size)
            return; // never shrinks: indexes are stable for the life of the model
        const size_t blocks = (size + kBlockSize - 1) >> kBlockBits;
        if (m_size % kBlockSize != 0) {
            const size_t last = (m_size - 1) >> kBlockBits;
            for (size_t i = m_size; i < std::min(size, (last + 1) * kBlockSize); ++i)
                mutableAt(i) = fill;
        }
        while (m_blocks.size() < blocks) {
            const size_t first = m_blocks.size() * kBlockSize;
            auto block = std::make_shared<std::vector<T>>(kBlockSize, T{});
            for (size_t i = first; i < std::min(size, first + kBlockSize); ++i)
                (*block)[i - first] = fill;
            m_blocks.push_back(std::move(block));
        }
        m_size = size;
    }

    // How many blocks this array shares with another (tests and the refresh log).
    size_t sharedBlocksWith(const BlockArray& other) const {
        size_t shared = 0;
        for (size_t i = 0; i < std::min(m_blocks.size(), other.m_blocks.size()); ++i)
            shared += m_blocks[i] == other.m_blocks[i] ? 1 : 0;
        return shared;
    }
    size_t blockCount() const { return m_blocks.size(); }

private:
    std::vector<std::shared_ptr<std::vector<T>>> m_blocks;
    size_t m_size = 0;
};

} // namespace fc::server::discovery::recs
