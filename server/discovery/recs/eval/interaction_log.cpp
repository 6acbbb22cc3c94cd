#include "server/discovery/recs/eval/interaction_log.h"

#include <charconv>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>

namespace fc::server::discovery::recs {

namespace {

std::vector<std::string> splitTabs(const std::string& line) {
    std::vector<std::string> fields;
    size_t start = 0;
    while (true) {
        const size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos)
            return fields;
        start = tab + 1;
    }
}

std::vector<std::string> splitTags(const std::string& text) {
    std::vector<std::string> tags;
    std::stringstream in(text);
    std::string tag;
    while (std::getline(in, tag, ',')) {
        const size_t first = tag.find_first_not_of(' ');
        if (first != std::string::npos)
            tags.push_back(tag.substr(first, tag.find_last_not_of(' ') - first + 1));
    }
    return tags;
}

} // namespace

UserIndex InteractionLog::userFor(const std::string& id) {
    const auto [it, inserted] = user_index.emplace(id, UserIndex(user_ids.size()));
    if (inserted)
        user_ids.push_back(id);
    return it->second;
}

ItemIndex InteractionLog::itemFor(const std::string& id) {
    const auto [it, inserted] = item_index.emplace(id, ItemIndex(item_ids.size()));
    if (inserted)
        item_ids.push_back(id);
    return it->second;
}

int64_t timestampToMs(int64_t value) {
    return value < 100'000'000'000LL ? value * 1000 : value;
}

Result<InteractionLog> readLog(std::istream& in) {
    InteractionLog log;
    std::string line;
    size_t line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        std::istringstream fields(line);
        std::string user, item, weight_text, time_text, extra;
        if (!(fields >> user >> item >> weight_text >> time_text) || (fields >> extra))
            return makeError("invalid_log", "line " + std::to_string(line_number) +
                                                ": expected `user item weight timestamp`");
        float weight = 0;
        int64_t time = 0;
        try {
            size_t used = 0;
            weight = std::stof(weight_text, &used);
            if (used != weight_text.size())
                throw std::invalid_argument("weight");
            used = 0;
            time = std::stoll(time_text, &used);
            if (used != time_text.size())
                throw std::invalid_argument("timestamp");
        } catch (const std::exception&) {
            return makeError("invalid_log",
                             "line " + std::to_string(line_number) + ": bad weight or timestamp");
        }
        log.interactions.push_back(
            Interaction{log.userFor(user), log.itemFor(item), weight, timestampToMs(time)});
    }
    return log;
}

Result<InteractionLog> readLogFile(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return makeError("file_unreadable", "cannot open " + path);
    return readLog(in);
}

void writeLog(const InteractionLog& log, std::ostream& out) {
    for (const auto& i : log.interactions)
        out << log.user_ids[i.user] << ' ' << log.item_ids[i.item] << ' ' << i.weight << ' ' << i.at_ms / 1000
            << '\n';
}

Result<ItemCatalogue> readItemsFile(const std::string& path, InteractionLog& log) {
    std::ifstream in(path);
    if (!in)
        return makeError("file_unreadable", "cannot open " + path);
    ItemCatalogue catalogue;
    std::unordered_map<std::string, ChannelIndex> channels;
    std::string line;
    size_t line_number = 0;
    std::vector<std::pair<ItemIndex, ItemFeatures>> read;
    bool all_published = true;
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        const auto fields = splitTabs(line);
        if (fields.size() < 2)
            return makeError("invalid_items",
                             "line " + std::to_string(line_number) + ": expected item<TAB>title…");
        ItemFeatures f;
        f.title = fields[1];
        if (fields.size() > 2)
            f.category = fields[2];
        if (fields.size() > 3)
            f.tags = splitTags(fields[3]);
        const std::string channel = fields.size() > 4 && !fields[4].empty() ? fields[4] : "\x01" + fields[0];
        f.channel = channels.emplace(channel, ChannelIndex(channels.size())).first->second;
        if (fields.size() > 5 && !fields[5].empty()) {
            int64_t published = 0;
            const auto [end, error] =
                std::from_chars(fields[5].data(), fields[5].data() + fields[5].size(), published);
            if (error != std::errc() || end != fields[5].data() + fields[5].size())
                return makeError("invalid_items",
                                 "line " + std::to_string(line_number) + ": bad publication time");
            f.published_at_ms = timestampToMs(published);
        } else {
            all_published = false;
        }
        read.emplace_back(log.itemFor(fields[0]), std::move(f));
    }
    catalogue.features.resize(log.item_ids.size());
    catalogue.known.resize(log.item_ids.size(), false);
    for (auto& [item, features] : read) {
        catalogue.features[item] = std::move(features);
        catalogue.known[item] = true;
    }
    // Items of the log the file did not describe: each on a channel of its own.
    for (ItemIndex item = 0; item < catalogue.features.size(); ++item)
        if (!catalogue.known[item])
            catalogue.features[item].channel = ChannelIndex(channels.size() + item);
    catalogue.has_published_at = all_published && !read.empty();
    return catalogue;
}

void writeItems(const InteractionLog& log, const ItemCatalogue& items, std::ostream& out) {
    for (ItemIndex item = 0; item < items.features.size(); ++item) {
        const ItemFeatures& f = items.features[item];
        out << log.item_ids[item] << '\t' << f.title << '\t' << f.category << '\t';
        for (size_t t = 0; t < f.tags.size(); ++t)
            out << (t ? "," : "") << f.tags[t];
        out << "\tch" << f.channel << '\t' << f.published_at_ms / 1000 << '\n';
    }
}

} // namespace fc::server::discovery::recs
