#include "server/discovery/recs/cf_model.h"

#include <algorithm>
#include <cmath>

namespace fc::server::discovery::recs {

namespace {

bool newerFirst(int64_t a_ms, ItemIndex a, int64_t b_ms, ItemIndex b) {
    return a_ms != b_ms ? a_ms > b_ms : a < b;
}

} // namespace

void CfModel::ensureItem(ItemIndex item) {
    if (item < m_item_users.size())
        return;
    const size_t size = size_t(item) + 1;
    m_item_users.resize(size);
    m_item_weight.resize(size, 0);
    m_item_norm2.resize(size, 0);
    m_item_scale.resize(size, 0);
    m_weight_propagated.resize(size, 0);
    m_dirty_flag.resize(size, 0);
    m_moved_flag.resize(size, 0);
    m_stale_flag.resize(size, 0);
    m_acc.resize(size, 0);
}

void CfModel::markDirty(ItemIndex item) {
    if (!m_dirty_flag[item]) {
        m_dirty_flag[item] = 1;
        m_dirty.push_back(item);
    }
}

void CfModel::markStale(ItemIndex item) {
    if (!m_dirty_flag[item] && !m_stale_flag[item]) {
        m_stale_flag[item] = 1;
        ++m_stale_count;
    }
}

void CfModel::add(const Interaction& interaction) {
    ensureItem(interaction.item);
    const UserIndex user = interaction.user;
    if (user >= m_user_items.size()) {
        m_user_items.resize(size_t(user) + 1);
        m_user_positive.resize(m_user_items.size(), 0);
        m_user_window_weight.resize(m_user_items.size(), -1);
    }
    auto& entries = m_user_items[user];
    if (entries.empty())
        ++m_user_count;
    auto found = std::find_if(entries.begin(), entries.end(),
                              [&](const UserEntry& e) { return e.item == interaction.item; });
    UserEntry entry{interaction.item, interaction.weight, interaction.at_ms};
    float old_weight = 0;
    const bool existed = found != entries.end();
    if (existed) {
        old_weight = found->weight;
        entry.weight = std::max(found->weight, interaction.weight);
        entry.at_ms = std::max(found->at_ms, interaction.at_ms);
        if (entry.weight == found->weight && entry.at_ms == found->at_ms)
            return;
        entries.erase(found);
    }
    entries.insert(std::find_if(entries.begin(), entries.end(),
                                [&](const UserEntry& e) {
                                    return newerFirst(entry.at_ms, entry.item, e.at_ms, e.item);
                                }),
                   entry);

    const float old_positive = existed ? std::max(old_weight, 0.0f) : 0.0f;
    const float new_positive = std::max(entry.weight, 0.0f);
    if (new_positive == old_positive && m_user_positive[user] <= m_config.max_user_items_for_cf)
        return; // only the time moved (or a dislike): no row can change
    if (new_positive != old_positive) {
        auto& users = m_item_users[entry.item];
        const auto at = std::lower_bound(users.begin(), users.end(), user,
                                         [](const ItemUser& u, UserIndex value) { return u.user < value; });
        if (at != users.end() && at->user == user)
            at->weight = new_positive;
        else
            users.insert(at, ItemUser{user, new_positive});
        if (old_positive == 0)
            ++m_user_positive[user];
        m_item_weight[entry.item] += double(new_positive) - double(old_positive);
        m_item_norm2[entry.item] += double(new_positive) * new_positive - double(old_positive) * old_positive;
        updateScale(entry.item);
        if (!m_moved_flag[entry.item]) {
            m_moved_flag[entry.item] = 1;
            m_popularity_moved.push_back(entry.item);
        }
    }
    markDirty(entry.item);
    if (m_rebuild_all)
        return;
    size_t used = 0;
    for (const auto& e : entries) {
        if (e.weight <= 0 || e.item == entry.item)
            continue;
        if (used++ < m_config.max_user_items_for_cf && new_positive > 0)
            m_pair_updates.emplace_back(e.item, entry.item);
        markStale(e.item);
    }
    // Past this, targeted updates cost more than recomputing everything.
    if (m_pair_updates.size() > 4 * m_item_users.size() + 100'000) {
        m_rebuild_all = true;
        m_pair_updates.clear();
        m_pair_updates.shrink_to_fit();
    }
}

void CfModel::markStaleAround(ItemIndex item) {
    for (const auto& user : m_item_users[item])
        for (const auto& e : m_user_items[user.user])
            markStale(e.item);
}

double CfModel::windowWeight(UserIndex user) {
    double& cached = m_user_window_weight[user];
    if (cached >= 0)
        return cached;
    double sum = 0;
    size_t used = 0;
    for (const auto& e : m_user_items[user]) {
        if (e.weight <= 0)
            continue;
        if (used++ >= m_config.max_user_items_for_cf)
            break;
        sum += e.weight;
    }
    m_window_cached.push_back(user);
    cached = sum;
    return sum;
}

bool CfModel::inWindow(UserIndex user, ItemIndex item) const {
    if (m_user_positive[user] <= m_config.max_user_items_for_cf)
        return true;
    size_t used = 0;
    for (const auto& e : m_user_items[user]) {
        if (e.weight <= 0)
            continue;
        if (used++ >= m_config.max_user_items_for_cf)
            return false;
        if (e.item == item)
            return true;
    }
    return false;
}

void CfModel::updateScale(ItemIndex item) {
    m_item_scale[item] = m_config.cf_method == CfMethod::Rp3Beta
                             ? std::pow(std::max(m_item_weight[item], 1e-9), -m_config.rp3_beta)
                             : std::sqrt(std::max(m_item_norm2[item], 0.0));
}

float CfModel::finalScore(ItemIndex row, ItemIndex neighbour, double accumulated) const {
    if (m_config.cf_method == CfMethod::Rp3Beta)
        return float(accumulated * m_item_scale[neighbour]);
    return float(accumulated /
                 (m_item_scale[row] * m_item_scale[neighbour] + m_config.cosine_shrinkage + 1e-12));
}

// The step of a random walk row -> user: the user's share of the row item's weight (RP3beta), or the weight.
NeighbourList CfModel::computeRow(ItemIndex item) {
    ensureItem(item);
    const bool rp3 = m_config.cf_method == CfMethod::Rp3Beta;
    const double item_weight = m_item_weight[item];
    for (const auto& user : m_item_users[item]) {
        const double user_weight = windowWeight(user.user);
        if (user_weight <= 0 || item_weight <= 0)
            continue;
        const double step = rp3 ? user.weight / item_weight / user_weight : user.weight;
        size_t used = 0;
        for (const auto& e : m_user_items[user.user]) {
            if (e.weight <= 0)
                continue;
            if (used++ >= m_config.max_user_items_for_cf)
                break;
            ++m_work;
            if (e.item == item)
                continue;
            if (m_acc[e.item] == 0)
                m_touched.push_back(e.item);
            m_acc[e.item] += step * e.weight;
        }
    }
    NeighbourList row;
    row.reserve(m_touched.size());
    for (const ItemIndex other : m_touched) {
        const float score = finalScore(item, other, m_acc[other]);
        m_acc[other] = 0;
        if (score > 0)
            row.push_back(Neighbour{other, score});
    }
    m_touched.clear();
    const size_t keep = std::min(row.size(), m_config.neighbours_per_item);
    topK(row, keep);
    row.resize(keep);
    row.shrink_to_fit();
    return row;
}

// The same sum as computeRow for one neighbour, over the users the two items share: the shorter user list is
// walked and the longer one searched.
float CfModel::pairScore(ItemIndex row, ItemIndex neighbour) {
    const bool rp3 = m_config.cf_method == CfMethod::Rp3Beta;
    const auto& a = m_item_users[row];
    const auto& b = m_item_users[neighbour];
    const bool walk_a = a.size() <= b.size();
    const auto& walked = walk_a ? a : b;
    const auto& searched = walk_a ? b : a;
    const double row_weight = m_item_weight[row];
    double sum = 0;
    for (const auto& w : walked) {
        const auto it = std::lower_bound(searched.begin(), searched.end(), w.user,
                                         [](const ItemUser& u, UserIndex value) { return u.user < value; });
        if (it == searched.end() || it->user != w.user)
            continue;
        const float row_user = walk_a ? w.weight : it->weight;
        const float neighbour_user = walk_a ? it->weight : w.weight;
        const double user_weight = windowWeight(w.user);
        if (user_weight > 0 && row_weight > 0 && inWindow(w.user, neighbour))
            sum += (rp3 ? row_user / row_weight / user_weight : row_user) * neighbour_user;
    }
    return finalScore(row, neighbour, sum);
}

void CfModel::upsert(NeighbourList& row, Neighbour neighbour) const {
    std::erase_if(row, [&](const Neighbour& n) { return n.item == neighbour.item; });
    if (neighbour.score <= 0)
        return;
    if (row.size() >= m_config.neighbours_per_item && !betterNeighbour(neighbour, row.back()))
        return;
    row.insert(std::upper_bound(row.begin(), row.end(), neighbour, betterNeighbour), neighbour);
    if (row.size() > m_config.neighbours_per_item)
        row.pop_back();
}

void CfModel::rebuildAll(BlockArray<NeighbourList>& lists, CfRefreshStats& stats) {
    stats.full = true;
    for (ItemIndex item = 0; item < lists.size(); ++item) {
        if (item < m_item_users.size() && !m_item_users[item].empty()) {
            lists.mutableAt(item) = computeRow(item);
            ++stats.rows_recomputed;
        } else if (!lists[item].empty()) {
            lists.mutableAt(item).clear();
        }
    }
    for (ItemIndex item = 0; item < m_item_users.size(); ++item)
        m_weight_propagated[item] = m_item_weight[item];
    std::fill(m_stale_flag.begin(), m_stale_flag.end(), 0);
    m_stale_count = 0;
    m_built = true;
    m_rebuild_all = false;
}

CfRefreshStats CfModel::refresh(BlockArray<NeighbourList>& lists, size_t item_count) {
    CfRefreshStats stats;
    m_work = 0;
    if (item_count > 0)
        ensureItem(ItemIndex(item_count - 1));
    lists.resize(item_count);
    if (!m_built || m_rebuild_all || m_dirty.size() * 2 >= m_item_users.size()) {
        rebuildAll(lists, stats);
    } else {
        const double threshold = m_config.popularity_change_threshold;
        for (const ItemIndex item : m_popularity_moved) {
            const double before = m_weight_propagated[item];
            if (threshold <= 0 ||
                std::abs(m_item_weight[item] - before) > threshold * std::max(before, 1e-9)) {
                markStaleAround(item);
                m_weight_propagated[item] = m_item_weight[item];
            }
        }
        std::sort(m_dirty.begin(), m_dirty.end());
        for (const ItemIndex item : m_dirty) {
            lists.mutableAt(item) = computeRow(item);
            if (m_stale_flag[item]) { // fresh now
                m_stale_flag[item] = 0;
                --m_stale_count;
            }
        }
        stats.rows_recomputed = m_dirty.size();
        std::sort(m_pair_updates.begin(), m_pair_updates.end());
        m_pair_updates.erase(std::unique(m_pair_updates.begin(), m_pair_updates.end()), m_pair_updates.end());
        for (const auto& [row, neighbour] : m_pair_updates) {
            if (m_dirty_flag[row] || row >= lists.size())
                continue;
            upsert(lists.mutableAt(row), Neighbour{neighbour, pairScore(row, neighbour)});
            ++stats.pair_updates;
        }
        const size_t work_before_stale = m_work;
        for (size_t scanned = 0; m_stale_count > 0 && scanned < m_stale_flag.size() &&
                                 stats.stale_recomputed < m_config.stale_refresh_per_publish &&
                                 m_work - work_before_stale < m_config.stale_work_per_publish;
             ++scanned) {
            const ItemIndex item = m_stale_cursor;
            m_stale_cursor = ItemIndex((size_t(m_stale_cursor) + 1) % m_stale_flag.size());
            if (!m_stale_flag[item])
                continue;
            m_stale_flag[item] = 0;
            --m_stale_count;
            lists.mutableAt(item) = computeRow(item);
            ++stats.stale_recomputed;
        }
    }
    for (const ItemIndex item : m_dirty)
        m_dirty_flag[item] = 0;
    m_dirty.clear();
    m_pair_updates.clear();
    for (const ItemIndex item : m_popularity_moved)
        m_moved_flag[item] = 0;
    m_popularity_moved.clear();
    for (const UserIndex user : m_window_cached)
        m_user_window_weight[user] = -1;
    m_window_cached.clear();
    return stats;
}

} // namespace fc::server::discovery::recs
