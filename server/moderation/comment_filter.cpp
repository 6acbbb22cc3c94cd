#include "server/moderation/comment_filter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <vector>

#include "server/moderation/profanity_words.h"

namespace fc::server::moderation {
namespace {

// Rules of thumb for "most of the text": tuned so that ordinary enthusiasm ("so so good", "hahaha") passes.
constexpr size_t kMinRepeatChars = 16; // a piece repeated at least four times over this many characters
constexpr size_t kMinDominantChars = 12;
constexpr size_t kMinDominantWords = 6;
constexpr double kDominantShare = 0.75;

// Common top-level domains of bare links ("example.com"); words that are also TLDs ("in", "it", "to", "no")
// are left out so that "do.it" or a missing space after a full stop does not look like a link.
constexpr auto kTopLevelDomains = std::to_array<std::string_view>({
    "app",   "au", "be",  "biz", "br", "ca",     "cc",  "ch",  "click", "club", "cn",   "co",
    "com",   "de", "dev", "es",  "eu", "fr",     "gg",  "icu", "info",  "io",   "jp",   "link",
    "live",  "ly", "me",  "net", "nl", "online", "org", "pl",  "ru",    "se",   "shop", "site",
    "store", "su", "tk",  "top", "tv", "uk",     "us",  "vip", "ws",    "xyz",
});

bool isWordByte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || byte >= 0x80;
}

char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool matchesEntry(std::string_view word, std::string_view entry) {
    if (!entry.empty() && entry.back() == '*')
        return word.substr(0, entry.size() - 1) == entry.substr(0, entry.size() - 1);
    return word == entry;
}

bool isHostLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// "example.com", "www.example.co.uk:8080" (after the scheme and before any path).
bool looksLikeHost(std::string_view host) {
    if (const size_t colon = host.find(':'); colon != std::string_view::npos)
        host = host.substr(0, colon);
    const size_t last_dot = host.rfind('.');
    if (last_dot == std::string_view::npos || last_dot == 0)
        return false;
    size_t label_start = 0;
    for (size_t i = 0; i <= host.size(); ++i) {
        if (i == host.size() || host[i] == '.') {
            if (i == label_start)
                return false; // an empty label: "a..b", "...", "x."
            label_start = i + 1;
        } else if (!isHostLabelChar(host[i])) {
            return false;
        }
    }
    const std::string_view tld = host.substr(last_dot + 1);
    return std::find(kTopLevelDomains.begin(), kTopLevelDomains.end(), tld) != kTopLevelDomains.end();
}

// The text as code points (a byte that does not start valid UTF-8 counts as one), lower case, with every
// run of white space made one space and none at the ends.
std::u32string normalizedCodePoints(std::string_view text) {
    std::u32string out;
    bool space = false;
    for (size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        char32_t point = byte;
        size_t length = 1;
        if (byte >= 0xC0 && byte < 0xF8) {
            length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
            if (i + length > text.size())
                length = 1;
            else
                for (size_t k = 1; k < length; ++k)
                    point = point << 8 | static_cast<unsigned char>(text[i + k]); // distinct, not decoded
        }
        i += length;
        if (point == ' ' || point == '\t' || point == '\n' || point == '\r') {
            space = !out.empty();
            continue;
        }
        if (space)
            out.push_back(' ');
        space = false;
        out.push_back(point < 0x80 ? static_cast<char32_t>(lowerAscii(static_cast<char>(point))) : point);
    }
    return out;
}

// The shortest p such that the text is a prefix of its first p characters repeated (prefix function).
size_t smallestPeriod(const std::u32string& text) {
    std::vector<size_t> border(text.size(), 0);
    for (size_t i = 1; i < text.size(); ++i) {
        size_t k = border[i - 1];
        while (k > 0 && text[i] != text[k])
            k = border[k - 1];
        if (text[i] == text[k])
            ++k;
        border[i] = k;
    }
    return text.empty() ? 0 : text.size() - border.back();
}

template <class Key> size_t mostFrequentCount(const std::vector<Key>& items) {
    std::unordered_map<Key, size_t> counts;
    size_t best = 0;
    for (const Key& item : items)
        best = std::max(best, ++counts[item]);
    return best;
}

bool dominates(size_t count, size_t total) {
    return static_cast<double>(count) >= kDominantShare * static_cast<double>(total);
}

} // namespace

std::string_view holdReasonName(HoldReason reason) {
    switch (reason) {
    case HoldReason::Profanity:
        return "profanity";
    case HoldReason::Link:
        return "link";
    case HoldReason::Repetition:
        return "repetition";
    case HoldReason::Rate:
        return "rate";
    case HoldReason::Reported:
        return "reported";
    case HoldReason::ReviewAll:
        return "review_all";
    case HoldReason::Invalid:
        break;
    }
    return "";
}

std::string foldForMatching(std::string_view text) {
    std::string folded(text);
    for (char& c : folded) {
        switch (c) {
        case '0':
            c = 'o';
            break;
        case '1':
            c = 'i';
            break;
        case '3':
            c = 'e';
            break;
        case '4':
        case '@':
            c = 'a';
            break;
        case '5':
        case '$':
            c = 's';
            break;
        default:
            c = lowerAscii(c);
        }
    }
    return folded;
}

bool containsProfanity(std::string_view text) {
    const std::string folded = foldForMatching(text);
    const auto words = profanityWords();
    for (size_t i = 0; i < folded.size();) {
        if (!isWordByte(folded[i])) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < folded.size() && isWordByte(folded[end]))
            ++end;
        const std::string_view word(folded.data() + i, end - i);
        for (const std::string_view entry : words)
            if (matchesEntry(word, entry))
                return true;
        i = end;
    }
    return false;
}

bool containsLink(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), lowerAscii);
    if (lower.find("://") != std::string::npos || lower.find("www.") != std::string::npos)
        return true;
    // Tokens between spaces and brackets/quotes; trailing sentence punctuation is not part of a link.
    constexpr std::string_view kSeparators = " \t\r\n()[]{}<>\"',;!?";
    size_t start = 0;
    while (start < lower.size()) {
        const size_t end = std::min(lower.find_first_of(kSeparators, start), lower.size());
        std::string_view token(lower.data() + start, end - start);
        start = end + 1;
        while (!token.empty() && (token.back() == '.' || token.back() == ':'))
            token.remove_suffix(1);
        if (const size_t at = token.rfind('@'); at != std::string_view::npos) // an e-mail address
            token.remove_prefix(at + 1);
        const std::string_view host = token.substr(0, token.find_first_of("/?#"));
        if (looksLikeHost(host))
            return true;
    }
    return false;
}

bool isRepetitive(std::string_view text) {
    const std::u32string points = normalizedCodePoints(text);
    if (points.size() >= kMinRepeatChars && smallestPeriod(points) * 4 <= points.size() + 1)
        return true;
    std::vector<char32_t> chars;
    for (const char32_t point : points)
        if (point != ' ')
            chars.push_back(point);
    if (chars.size() >= kMinDominantChars && dominates(mostFrequentCount(chars), chars.size()))
        return true;
    std::vector<std::u32string> words;
    std::u32string word;
    for (size_t i = 0; i <= points.size(); ++i) {
        if (i == points.size() || points[i] == ' ') {
            if (!word.empty())
                words.push_back(std::move(word));
            word.clear();
        } else if (points[i] >= 0x80 || std::isalnum(static_cast<int>(points[i]))) {
            word += points[i];
        }
    }
    return words.size() >= kMinDominantWords && dominates(mostFrequentCount(words), words.size());
}

std::optional<HoldReason> checkCommentText(std::string_view text, LinkPolicy links) {
    if (containsProfanity(text))
        return HoldReason::Profanity;
    if (links != LinkPolicy::Allow && containsLink(text))
        return HoldReason::Link;
    if (isRepetitive(text))
        return HoldReason::Repetition;
    return std::nullopt;
}

} // namespace fc::server::moderation
