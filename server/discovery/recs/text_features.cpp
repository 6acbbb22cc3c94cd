#include "server/discovery/recs/text_features.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace fc::server::discovery::recs {

namespace {

constexpr float kTitleBoost = 2.0f;
constexpr float kTagBoost = 2.5f;
constexpr float kCategoryBoost = 1.5f;
constexpr float kDescriptionBoost = 1.0f;

// A short English list: words that say nothing about what a video is about.
constexpr std::array<std::string_view, 96> kStopWords = {
    "a",    "about", "after", "again", "all",    "also",  "am",   "an",    "and",   "any",   "are",
    "as",   "at",    "be",    "been",  "before", "being", "but",  "by",    "can",   "could", "did",
    "do",   "does",  "doing", "down",  "during", "each",  "few",  "for",   "from",  "had",   "has",
    "have", "he",    "her",   "here",  "him",    "his",   "how",  "i",     "if",    "in",    "into",
    "is",   "it",    "its",   "just",  "me",     "more",  "most", "my",    "no",    "nor",   "not",
    "now",  "of",    "off",   "on",    "once",   "only",  "or",   "other", "our",   "out",   "over",
    "own",  "same",  "she",   "so",    "some",   "such",  "than", "that",  "the",   "their", "them",
    "then", "there", "these", "they",  "this",   "those", "to",   "too",   "under", "up",    "very",
    "was",  "we",    "were",  "what",  "when",   "which", "who",  "you"};

bool isWordByte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

std::string trimmedLowered(std::string_view text) {
    std::string out = lowered(text);
    const auto notSpace = [](unsigned char c) { return c > ' '; };
    out.erase(out.begin(), std::find_if(out.begin(), out.end(), notSpace));
    out.erase(std::find_if(out.rbegin(), out.rend(), notSpace).base(), out.end());
    return out;
}

void addTokens(std::unordered_map<std::string, float>& terms, std::string_view text, float boost,
               size_t max_words = SIZE_MAX) {
    size_t words = 0;
    for (auto& token : tokenize(text)) {
        if (words++ >= max_words)
            break;
        terms[std::move(token)] += boost;
    }
}

} // namespace

bool isStopWord(std::string_view word) {
    return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

std::vector<std::string> tokenize(std::string_view text) {
    std::vector<std::string> tokens;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !isWordByte(static_cast<unsigned char>(text[i])))
            ++i;
        const size_t start = i;
        while (i < text.size() && isWordByte(static_cast<unsigned char>(text[i])))
            ++i;
        if (i - start < 2)
            continue;
        std::string token = lowered(text.substr(start, i - start));
        if (!isStopWord(token))
            tokens.push_back(std::move(token));
    }
    return tokens;
}

std::vector<std::pair<std::string, float>> weightedTerms(const ItemFeatures& features) {
    std::unordered_map<std::string, float> terms;
    addTokens(terms, features.title, kTitleBoost);
    for (const auto& tag : features.tags) {
        addTokens(terms, tag, kTagBoost);
        if (const std::string whole = trimmedLowered(tag); whole.find(' ') != std::string::npos)
            terms["tag:" + whole] += kTagBoost;
    }
    if (const std::string category = trimmedLowered(features.category); !category.empty()) {
        terms["cat:" + category] += kCategoryBoost;
        addTokens(terms, category, kCategoryBoost * 0.5f);
    }
    addTokens(terms, features.description, kDescriptionBoost, kMaxDescriptionWords);
    std::vector<std::pair<std::string, float>> out(terms.begin(), terms.end());
    std::sort(out.begin(), out.end()); // deterministic order, whatever the hash map did
    return out;
}

bool sameText(const ItemFeatures& a, const ItemFeatures& b) {
    return a.title == b.title && a.description == b.description && a.category == b.category &&
           a.tags == b.tags;
}

} // namespace fc::server::discovery::recs
