#include "core/streaming/uri.h"

#include <cctype>
#include <vector>

namespace fc::streaming {
namespace {

struct UriParts {
    std::string_view scheme; // without ':'
    bool has_authority = false;
    std::string_view authority;
    std::string_view path;
    std::string_view tail; // "?query#fragment", as written
};

size_t schemeLength(std::string_view uri) {
    if (uri.empty() || !std::isalpha(static_cast<unsigned char>(uri[0])))
        return 0;
    for (size_t i = 1; i < uri.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(uri[i]);
        if (c == ':')
            return i;
        if (!std::isalnum(c) && c != '+' && c != '-' && c != '.')
            return 0;
    }
    return 0;
}

UriParts split(std::string_view uri) {
    UriParts parts;
    if (const size_t length = schemeLength(uri); length > 0) {
        parts.scheme = uri.substr(0, length);
        uri.remove_prefix(length + 1);
    }
    if (uri.substr(0, 2) == "//") {
        uri.remove_prefix(2);
        const size_t end = uri.find_first_of("/?#");
        parts.has_authority = true;
        parts.authority = uri.substr(0, end);
        uri.remove_prefix(end == std::string_view::npos ? uri.size() : end);
    }
    const size_t tail = uri.find_first_of("?#");
    parts.path = uri.substr(0, tail);
    if (tail != std::string_view::npos)
        parts.tail = uri.substr(tail);
    return parts;
}

std::vector<std::string_view> splitPath(std::string_view path) {
    std::vector<std::string_view> segments;
    size_t start = 0;
    while (true) {
        const size_t slash = path.find('/', start);
        segments.push_back(path.substr(start, slash == std::string_view::npos ? path.npos : slash - start));
        if (slash == std::string_view::npos)
            return segments;
        start = slash + 1;
    }
}

std::string prefixOf(const UriParts& parts) {
    std::string prefix;
    if (!parts.scheme.empty())
        prefix.append(parts.scheme).append(":");
    if (parts.has_authority)
        prefix.append("//").append(parts.authority);
    return prefix;
}

} // namespace

std::string removeDotSegments(std::string_view path) {
    const bool absolute = !path.empty() && path.front() == '/';
    if (absolute)
        path.remove_prefix(1);
    if (path.empty())
        return absolute ? "/" : "";
    const std::vector<std::string_view> segments = splitPath(path);
    std::vector<std::string_view> out;
    for (size_t i = 0; i < segments.size(); ++i) {
        const bool last = i + 1 == segments.size();
        const std::string_view segment = segments[i];
        if (segment == "." || segment == "..") {
            if (segment == "..") {
                if (!out.empty() && out.back() != "..")
                    out.pop_back();
                else if (!absolute)
                    out.push_back("..");
            }
            if (last) // "a/b/.." names the directory a/
                out.push_back("");
            continue;
        }
        out.push_back(segment);
    }
    std::string joined = absolute ? "/" : "";
    for (size_t i = 0; i < out.size(); ++i) {
        if (i > 0)
            joined += '/';
        joined.append(out[i]);
    }
    return joined;
}

bool isAbsoluteUri(std::string_view uri) {
    return schemeLength(uri) > 0 || (!uri.empty() && uri.front() == '/');
}

std::string resolveUri(std::string_view base, std::string_view reference) {
    const UriParts ref = split(reference);
    if (!ref.scheme.empty())
        return prefixOf(ref) + removeDotSegments(ref.path) + std::string(ref.tail);
    const UriParts from = split(base);
    if (ref.has_authority) {
        UriParts joined = ref;
        joined.scheme = from.scheme;
        return prefixOf(joined) + removeDotSegments(ref.path) + std::string(ref.tail);
    }
    const std::string prefix = prefixOf(from);
    if (ref.path.empty()) {
        if (ref.tail.empty() || ref.tail.front() == '?')
            return prefix + std::string(from.path) + std::string(ref.tail);
        // A fragment alone: the base with its query, without its fragment.
        const std::string_view query = from.tail.substr(0, from.tail.find('#'));
        return prefix + std::string(from.path) + std::string(query) + std::string(ref.tail);
    }
    std::string merged;
    if (ref.path.front() == '/') {
        merged = ref.path;
    } else if (from.has_authority && from.path.empty()) {
        merged = "/" + std::string(ref.path);
    } else {
        const size_t slash = from.path.rfind('/');
        merged = std::string(slash == std::string_view::npos ? std::string_view()
                                                             : from.path.substr(0, slash + 1));
        merged.append(ref.path);
    }
    return prefix + removeDotSegments(merged) + std::string(ref.tail);
}

std::string relativeUri(std::string_view base, std::string_view target) {
    if (isAbsoluteUri(target) || target.substr(0, 2) == "//" || isAbsoluteUri(base))
        return std::string(target);
    const UriParts to = split(target);
    const std::string base_path = removeDotSegments(split(base).path);
    const std::string target_path = removeDotSegments(to.path);
    std::vector<std::string_view> base_dirs = splitPath(base_path);
    base_dirs.pop_back(); // the base's own file name
    const std::vector<std::string_view> target_segments = splitPath(target_path);
    size_t common = 0;
    while (common < base_dirs.size() && common + 1 < target_segments.size() &&
           base_dirs[common] == target_segments[common])
        ++common;
    std::string relative;
    for (size_t i = common; i < base_dirs.size(); ++i) {
        if (base_dirs[i] == "..") // above the shared root: no relative form exists without knowing it
            return std::string(target);
        relative += "../";
    }
    for (size_t i = common; i < target_segments.size(); ++i) {
        if (i > common)
            relative += '/';
        relative.append(target_segments[i]);
    }
    // An empty reference means the base itself; "a:b" would read as a scheme.
    if (relative.empty() || schemeLength(relative) > 0)
        relative = "./" + relative;
    return relative + std::string(to.tail);
}

} // namespace fc::streaming
