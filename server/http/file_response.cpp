#include "server/http/file_response.h"

#include <charconv>

#include "core/util/text.h"
#include "core/util/time.h"

namespace fc::server {
namespace {

std::optional<uint64_t> parseNumber(std::string_view text) {
    uint64_t value = 0;
    if (text.empty())
        return std::nullopt;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// If-None-Match uses the weak comparison: W/"x" matches "x".
bool noneMatchHits(std::string_view header, std::string_view etag) {
    while (!header.empty()) {
        const size_t comma = header.find(',');
        std::string_view tag = trimBlanks(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        if (tag == "*")
            return true;
        if (tag.substr(0, 2) == "W/")
            tag.remove_prefix(2);
        if (tag == etag)
            return true;
    }
    return false;
}

// If-Range: an entity tag (strong comparison) or the exact Last-Modified date.
bool ifRangeHolds(std::optional<std::string_view> header, const Validators& validators) {
    if (!header)
        return true;
    const std::string_view value = trimBlanks(*header);
    if (!value.empty() && (value.front() == '"' || value.substr(0, 2) == "W/"))
        return value == validators.etag;
    return value == validators.last_modified;
}

// Status, validators, ranges; for a partial answer the range to send.
struct Decision {
    int status = 200;
    ByteRange range;
};

Decision decide(const HttpRequest& request, HttpResponse& response, uint64_t size,
                const Validators& validators, const FileAnswer& answer) {
    response.headers.set("Content-Type", answer.content_type);
    response.headers.set("Cache-Control", answer.cache_control);
    response.headers.set("ETag", validators.etag);
    response.headers.set("Last-Modified", validators.last_modified);
    if (answer.ranges == RangePolicy::Honour)
        response.headers.set("Accept-Ranges", "bytes");
    else
        response.headers.set("Accept-Ranges", "none");
    if (auto noneMatch = request.headers.get("If-None-Match");
        noneMatch && noneMatchHits(*noneMatch, validators.etag))
        return {304, {}};
    if (answer.ranges != RangePolicy::Honour || !ifRangeHolds(request.headers.get("If-Range"), validators))
        return {200, {0, size}};
    const RangeRequest range = parseRangeHeader(request.headers.get("Range"), size);
    switch (range.kind) {
    case RangeRequest::Kind::Partial:
        response.headers.set("Content-Range",
                             "bytes " + std::to_string(range.range.offset) + "-" +
                                 std::to_string(range.range.offset + range.range.length - 1) + "/" +
                                 std::to_string(size));
        return {206, range.range};
    case RangeRequest::Kind::Unsatisfiable:
        response.headers.set("Content-Range", "bytes */" + std::to_string(size));
        return {416, {}};
    case RangeRequest::Kind::Whole:
    case RangeRequest::Kind::Invalid:
        break;
    }
    return {200, {0, size}};
}

} // namespace

Validators validatorsFor(const MappedFile& file, std::string_view variant) {
    char size[24];
    char mtime[24];
    const auto sizeEnd = std::to_chars(size, size + sizeof size, file.size(), 16).ptr;
    const auto mtimeEnd = std::to_chars(mtime, mtime + sizeof mtime, file.mtime_ns(), 16).ptr;
    std::string etag = "\"" + std::string(size, sizeEnd) + "-" + std::string(mtime, mtimeEnd);
    if (!variant.empty())
        etag.append("-").append(variant);
    etag += "\"";
    return {std::move(etag), toHttpDate(file.mtime_ns() / 1'000'000)};
}

RangeRequest parseRangeHeader(std::optional<std::string_view> header, uint64_t size) {
    constexpr std::string_view kUnit = "bytes=";
    if (!header)
        return {RangeRequest::Kind::Whole, {}};
    std::string_view spec = trimBlanks(*header);
    if (spec.substr(0, kUnit.size()) != kUnit || spec.find(',') != std::string_view::npos)
        return {RangeRequest::Kind::Whole, {}}; // other units and multi-range: the whole body
    spec = trimBlanks(spec.substr(kUnit.size()));
    const size_t dash = spec.find('-');
    if (dash == std::string_view::npos)
        return {RangeRequest::Kind::Whole, {}};
    const auto first = parseNumber(trimBlanks(spec.substr(0, dash)));
    const std::string_view lastText = trimBlanks(spec.substr(dash + 1));
    const auto last = parseNumber(lastText);
    if (!first) { // "-n": the last n bytes
        if (!last)
            return {RangeRequest::Kind::Whole, {}};
        if (*last == 0 || size == 0)
            return {RangeRequest::Kind::Unsatisfiable, {}};
        const uint64_t length = std::min(*last, size);
        return {RangeRequest::Kind::Partial, {size - length, length}};
    }
    if (!lastText.empty() && (!last || *last < *first))
        return {RangeRequest::Kind::Whole, {}}; // syntactically invalid: ignored (RFC 7233 §3.1)
    if (*first >= size)
        return {RangeRequest::Kind::Unsatisfiable, {}};
    const uint64_t end = last ? std::min(*last, size - 1) : size - 1;
    return {RangeRequest::Kind::Partial, {*first, end - *first + 1}};
}

namespace {

// 416 in the error envelope, keeping Content-Range (which tells the client the size).
HttpResponse unsatisfiable(const HttpResponse& decided) {
    HttpResponse response =
        errorResponse(416, "range_not_satisfiable", "the requested range is outside the file");
    for (const char* name : {"Content-Range", "ETag", "Last-Modified", "Accept-Ranges"})
        if (auto value = decided.headers.get(name))
            response.headers.set(name, std::string(*value));
    return response;
}

} // namespace

HttpResponse fileResponse(const HttpRequest& request, std::shared_ptr<const MappedFile> file,
                          const FileAnswer& answer) {
    HttpResponse response;
    const Decision decision = decide(request, response, file->size(), validatorsFor(*file), answer);
    if (decision.status == 416)
        return unsatisfiable(response);
    response.status = decision.status;
    if (decision.status == 200 || decision.status == 206) {
        if (request.method != Method::Head) // here on a worker, not in page faults on the network thread
            file->prefault(decision.range.offset, decision.range.length);
        response.file_body = FileBody{std::move(file), decision.range.offset, decision.range.length};
    }
    return response;
}

HttpResponse generatedResponse(const HttpRequest& request, std::string body, const Validators& validators,
                               const FileAnswer& answer) {
    HttpResponse response;
    const Decision decision = decide(request, response, body.size(), validators, answer);
    if (decision.status == 416)
        return unsatisfiable(response);
    response.status = decision.status;
    if (decision.status == 206)
        response.body = body.substr(decision.range.offset, decision.range.length);
    else if (decision.status == 200)
        response.body = std::move(body);
    return response;
}

} // namespace fc::server
